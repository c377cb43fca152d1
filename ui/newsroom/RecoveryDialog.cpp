#include "RecoveryDialog.h"

#include "newsroom/ArticleHtml.h"
#include "newsroom/TextStats.h"
#include "text/Jalali.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

RecoveryDialog::RecoveryDialog(const QList<newsroom::Autosave> &pending, QWidget *parent)
    : QDialog(parent)
    , m_pending(pending)
    , m_intro(new QLabel)
    , m_list(new QTreeWidget)
{
    setObjectName(u"recoveryDialog"_s);
    setWindowTitle(tr("Recover unsaved text"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Daftar was closed before this text was saved (a crash or a power cut). "
                        "Recover it to continue where you were, or discard it."));
    m_list->setObjectName(u"recoveryList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Article"), tr("Typed until"), tr("Words")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    const QLocale locale;
    for (const newsroom::Autosave &autosave : pending) {
        const QString title
            = autosave.draft.title.isEmpty() ? tr("(untitled)") : autosave.draft.title;
        const int words = newsroom::measureText(newsroom::plainTextOf(autosave.draft.body)).words;
        auto *item
            = new QTreeWidgetItem({autosave.articleId == 0 ? tr("%1 (new)").arg(title) : title,
                text::formatJalaliDateTime(autosave.savedAt, locale), locale.toString(words)});
        m_list->addTopLevelItem(item);
    }
    m_list->setCurrentItem(m_list->topLevelItem(0));

    auto *buttons = new QDialogButtonBox;
    m_recoverButton = buttons->addButton(tr("&Recover all"), QDialogButtonBox::AcceptRole);
    m_recoverButton->setObjectName(u"recoverButton"_s);
    m_discardButton = buttons->addButton(tr("&Discard all"), QDialogButtonBox::DestructiveRole);
    m_discardButton->setObjectName(u"discardButton"_s);
    m_laterButton = buttons->addButton(tr("Decide &later"), QDialogButtonBox::RejectRole);
    m_laterButton->setObjectName(u"laterButton"_s);
    connect(m_recoverButton, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_discardButton, &QPushButton::clicked, this, [this] { decide(false); });
    connect(m_laterButton, &QPushButton::clicked, this, &QDialog::reject);
    m_recoverButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(620, 320);
}

void RecoveryDialog::decide(bool recover)
{
    (recover ? m_recover : m_discard) = m_pending;
    accept();
}

} // namespace daftar::ui
