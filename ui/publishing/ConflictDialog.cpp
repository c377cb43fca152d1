#include "ConflictDialog.h"

#include "Language.h"
#include "PublicationDisplay.h"
#include "newsroom/ArticleService.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using publishing::ConflictChoice;

ConflictDialog::ConflictDialog(Session &session, qint64 jobId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_outbox(session.db)
    , m_jobId(jobId)
    , m_explanation(new QLabel(this))
    , m_siteBox(new QGroupBox(this))
    , m_siteTitle(new QLabel(m_siteBox))
    , m_siteModified(new QLabel(m_siteBox))
    , m_siteContent(new QTextBrowser(m_siteBox))
    , m_ourBox(new QGroupBox(this))
    , m_ourTitle(new QLabel(m_ourBox))
    , m_ourModifiedText(new QLabel(m_ourBox))
    , m_ourContent(new QTextBrowser(m_ourBox))
    , m_message(new QLabel(this))
    , m_overwrite(new QPushButton(this))
    , m_keep(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(u"conflictDialog"_s);
    m_explanation->setObjectName(u"conflictExplanation"_s);
    m_siteBox->setObjectName(u"siteVersion"_s);
    m_siteTitle->setObjectName(u"siteTitle"_s);
    m_siteModified->setObjectName(u"siteModified"_s);
    m_siteContent->setObjectName(u"siteContent"_s);
    m_ourBox->setObjectName(u"ourVersion"_s);
    m_ourTitle->setObjectName(u"ourTitle"_s);
    m_ourModifiedText->setObjectName(u"ourModified"_s);
    m_ourContent->setObjectName(u"ourContent"_s);
    m_message->setObjectName(u"message"_s);
    m_overwrite->setObjectName(u"overwriteSite"_s);
    m_keep->setObjectName(u"keepSite"_s);
    m_cancel->setObjectName(u"cancel"_s);

    m_explanation->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    for (QLabel *title : {m_siteTitle, m_ourTitle}) {
        QFont font = title->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.15);
        title->setFont(font);
        title->setWordWrap(true);
        title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    for (QLabel *modified : {m_siteModified, m_ourModifiedText}) {
        modified->setStyleSheet(u"color: palette(placeholder-text);"_s);
    }
    for (QTextBrowser *content : {m_siteContent, m_ourContent}) {
        // Links in a post are shown, not followed: the dialog is for comparing.
        content->setOpenLinks(false);
        content->setMinimumHeight(220);
    }
    const auto column = [](QGroupBox *box, QLabel *title, QLabel *modified, QTextBrowser *content) {
        auto *layout = new QVBoxLayout(box);
        layout->addWidget(title);
        layout->addWidget(modified);
        layout->addWidget(content, 1);
    };
    column(m_siteBox, m_siteTitle, m_siteModified, m_siteContent);
    column(m_ourBox, m_ourTitle, m_ourModifiedText, m_ourContent);

    auto *versions = new QHBoxLayout;
    versions->addWidget(m_siteBox, 1);
    versions->addWidget(m_ourBox, 1);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_overwrite, QDialogButtonBox::ActionRole);
    buttons->addButton(m_keep, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    // Enter must not overwrite anybody's work by accident.
    m_overwrite->setAutoDefault(false);
    m_keep->setAutoDefault(false);
    m_cancel->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(versions, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_overwrite, &QPushButton::clicked, this,
        [this] { resolve(ConflictChoice::OverwriteSite); });
    connect(m_keep, &QPushButton::clicked, this, [this] { resolve(ConflictChoice::KeepSite); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(960, 560);
    load();
    retranslate();
}

void ConflictDialog::load()
{
    const accounts::Actor actor = m_session.user.actor();
    auto conflict = m_outbox.conflict(actor, m_jobId);
    if (!conflict) {
        m_error = conflict.errorMessage();
        m_conflict.reset();
        showMessage(m_error);
        m_overwrite->setEnabled(false);
        m_keep->setEnabled(false);
        return;
    }
    m_conflict = *conflict;
    if (m_conflict->job.entity == publishing::Entity::Article) {
        if (auto article
            = newsroom::ArticleService(m_session.db).get(actor, m_conflict->job.entityId)) {
            m_ourModified = article->updatedAt;
        }
    }
    m_siteTitle->setText(m_conflict->siteTitle);
    m_ourTitle->setText(m_conflict->ourTitle);
    m_siteContent->setHtml(m_conflict->siteContent);
    m_ourContent->setHtml(m_conflict->ourContent);
    const bool mayDecide = actor.require(accounts::Permission::ReviewArticles).ok();
    m_overwrite->setEnabled(mayDecide);
    m_keep->setEnabled(mayDecide);
    if (!mayDecide) {
        showMessage(actor.require(accounts::Permission::ReviewArticles).errorMessage());
    }
}

void ConflictDialog::retranslate()
{
    setWindowTitle(tr("Changed on the site"));
    const QLocale locale = this->locale();
    if (m_conflict) {
        const QString site = m_conflict->job.siteName;
        m_explanation->setText(
            tr("Someone changed this post on %1 after Daftar last sent it, so Daftar did not "
               "overwrite it. Compare the two versions and choose which one the site keeps. "
               "Keeping the site's version leaves Daftar's in the article's history; overwriting "
               "replaces the change made on the site.")
                .arg(site));
        m_siteBox->setTitle(tr("On the site (%1)").arg(site));
        m_siteModified->setText(
            tr("Changed there %1").arg(formatSiteMoment(m_conflict->siteModified, locale)));
        m_ourModifiedText->setText(m_ourModified.isValid()
                ? tr("Saved in Daftar %1").arg(formatMoment(m_ourModified, locale))
                : QString());
    } else {
        m_explanation->setText(tr("The two versions could not be read."));
        m_siteBox->setTitle(tr("On the site"));
    }
    m_ourBox->setTitle(tr("In Daftar"));
    m_overwrite->setText(tr("&Overwrite the site's version"));
    m_overwrite->setToolTip(
        tr("Send Daftar's version to the site; the change made on the site is replaced."));
    m_keep->setText(tr("&Keep the site's version"));
    m_keep->setToolTip(tr("Leave the site as it is; Daftar notes that it has seen the change "
                          "and does not send this version."));
    m_cancel->setText(tr("Decide later"));
}

void ConflictDialog::resolve(ConflictChoice choice)
{
    const Status resolved = m_outbox.resolveConflict(m_session.user.actor(), m_jobId, choice);
    if (!resolved) {
        showMessage(resolved.errorMessage());
        return;
    }
    m_choice = choice;
    accept();
}

void ConflictDialog::showMessage(const QString &message)
{
    m_message->setText(Language::inUiDirection(message));
    m_message->show();
}

void ConflictDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
