#include "SiteSettingsDialog.h"

#include "Language.h"
#include "publishing/Publisher.h"
#include "publishing/SiteSecrets.h"
#include "text/PersianText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using publishing::Site;
using publishing::SiteType;
using publishing::UnpublishMode;

namespace {

constexpr int siteIdRole = Qt::UserRole;
const auto errorStyle = "color: #b00020;"_L1;
const auto successStyle = "color: #2e7d32;"_L1;

// Persian digits on screen in the Persian UI, but the Latin digits most keyboards
// type are taken too (QLocale("fa") reads only Persian ones).
class SecondsSpinBox : public QSpinBox
{
public:
    using QSpinBox::QSpinBox;

protected:
    QValidator::State validate(QString &input, int &position) const override
    {
        if (locale().language() == QLocale::Persian) {
            input = text::toPersianDigits(input);
        }
        return QSpinBox::validate(input, position);
    }

    int valueFromText(const QString &text) const override
    {
        return QSpinBox::valueFromText(
            locale().language() == QLocale::Persian ? text::toPersianDigits(text) : text);
    }
};

void setRowLabel(QFormLayout *form, QWidget *field, const QString &text)
{
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(field))) {
        label->setText(text);
    }
}

} // namespace

SiteSettingsDialog::SiteSettingsDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_service(session.db)
    , m_canManage(m_session.user.actor().require(accounts::Permission::ManageSites).ok())
    , m_sitesLabel(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
    , m_refusal(new QLabel(this))
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_userHint(new QLabel(this))
    , m_keychain(new QRadioButton(this))
    , m_password(new QLineEdit(this))
    , m_environment(new QRadioButton(this))
    , m_variable(new QLineEdit(this))
    , m_secretHint(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_unpublish(new QComboBox(this))
    , m_timeout(new SecondsSpinBox(this))
    , m_enabled(new QCheckBox(this))
    , m_message(new QLabel(this))
    , m_test(new QPushButton(this))
    , m_connection(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(u"siteSettingsDialog"_s);
    m_list->setObjectName(u"siteList"_s);
    m_add->setObjectName(u"addSite"_s);
    m_remove->setObjectName(u"removeSite"_s);
    m_refusal->setObjectName(u"refusal"_s);
    m_name->setObjectName(u"siteName"_s);
    m_type->setObjectName(u"siteType"_s);
    m_url->setObjectName(u"siteUrl"_s);
    m_user->setObjectName(u"siteUser"_s);
    m_userHint->setObjectName(u"siteUserHint"_s);
    m_keychain->setObjectName(u"secretInKeychain"_s);
    m_password->setObjectName(u"secret"_s);
    m_environment->setObjectName(u"secretFromEnvironment"_s);
    m_variable->setObjectName(u"secretVariable"_s);
    m_secretHint->setObjectName(u"secretHint"_s);
    m_language->setObjectName(u"siteLanguage"_s);
    m_unpublish->setObjectName(u"unpublishMode"_s);
    m_timeout->setObjectName(u"timeout"_s);
    m_enabled->setObjectName(u"siteEnabled"_s);
    m_message->setObjectName(u"message"_s);
    m_test->setObjectName(u"testConnection"_s);
    m_connection->setObjectName(u"connectionResult"_s);
    m_save->setObjectName(u"saveSite"_s);
    m_close->setObjectName(u"close"_s);

    for (SiteType type : {SiteType::WordPress, SiteType::Json}) {
        m_type->addItem(QString(), publishing::siteTypeId(type));
    }
    m_language->addItems({QString(), QString(), QString()});
    m_language->setItemData(0, QString());
    m_language->setItemData(1, u"fa"_s);
    m_language->setItemData(2, u"en"_s);
    for (UnpublishMode mode : {UnpublishMode::Draft, UnpublishMode::Trash}) {
        m_unpublish->addItem(QString(), publishing::unpublishModeId(mode));
    }
    m_timeout->setRange(1, 600);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setClearButtonEnabled(true);
    // Addresses and variable names are typed and read left to right even in a
    // Persian form, but sit on the side where the form's text starts.
    for (QLineEdit *edit : {m_url, m_variable, m_user, m_password}) {
        edit->setLayoutDirection(Qt::LeftToRight);
        edit->setAlignment((isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    m_variable->setPlaceholderText(u"DAFTAR_SITE_SECRET"_s);
    for (QLabel *hint : {m_userHint, m_secretHint}) {
        hint->setWordWrap(true);
        hint->setStyleSheet(u"color: palette(placeholder-text);"_s);
    }
    for (QLabel *label : {m_message, m_connection, m_refusal}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_message->hide();
    m_refusal->setVisible(!m_canManage);

    auto *secret = new QWidget(this);
    auto *secretLayout = new QGridLayout(secret);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(m_keychain, 0, 0);
    secretLayout->addWidget(m_password, 0, 1);
    secretLayout->addWidget(m_environment, 1, 0);
    secretLayout->addWidget(m_variable, 1, 1);
    secretLayout->addWidget(m_secretHint, 2, 0, 1, 2);
    secretLayout->setColumnStretch(1, 1);

    for (QWidget *field : std::initializer_list<QWidget *> {m_name, m_type, m_url, m_user}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }
    m_form->addRow(QString(), m_userHint);
    auto *secretLabel = new QLabel(this);
    secretLabel->setBuddy(m_keychain);
    m_form->addRow(secretLabel, secret);
    for (QWidget *field : std::initializer_list<QWidget *> {m_language, m_unpublish, m_timeout}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }
    m_form->addRow(QString(), m_enabled);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_sitesLabel);
    listColumn->addWidget(m_list, 1);
    listColumn->addLayout(listButtons);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_connection, 1);
    auto *formColumn = new QVBoxLayout;
    formColumn->addWidget(m_refusal);
    formColumn->addLayout(m_form);
    formColumn->addWidget(m_message);
    formColumn->addLayout(testRow);
    formColumn->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(listColumn, 2);
    columns->addSpacing(12);
    columns->addLayout(formColumn, 5);

    // Save belongs to the form, Close to the dialog; both sit at the end of the last row.
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::ApplyRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    // Enter saves the form; Esc closes (asking about unsaved changes).
    m_save->setDefault(true);
    for (QPushButton *button : {m_add, m_remove, m_test, m_close}) {
        button->setAutoDefault(false);
    }
    setTabOrder(m_list, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_name);
    setTabOrder(m_name, m_type);
    setTabOrder(m_type, m_url);
    setTabOrder(m_url, m_user);
    setTabOrder(m_user, m_keychain);
    setTabOrder(m_keychain, m_password);
    setTabOrder(m_password, m_environment);
    setTabOrder(m_environment, m_variable);
    setTabOrder(m_variable, m_language);
    setTabOrder(m_language, m_unpublish);
    setTabOrder(m_unpublish, m_timeout);
    setTabOrder(m_timeout, m_enabled);
    setTabOrder(m_enabled, m_test);
    setTabOrder(m_test, m_save);
    setTabOrder(m_save, m_close);

    for (QLineEdit *edit : {m_name, m_url, m_user, m_password, m_variable}) {
        connect(edit, &QLineEdit::textEdited, this, &SiteSettingsDialog::markModified);
    }
    for (QComboBox *combo : {m_type, m_language, m_unpublish}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &SiteSettingsDialog::markModified);
    }
    connect(m_type, &QComboBox::currentIndexChanged, this,
        &SiteSettingsDialog::updateTypeDependentFields);
    connect(m_timeout, &QSpinBox::valueChanged, this, &SiteSettingsDialog::markModified);
    connect(m_enabled, &QCheckBox::toggled, this, &SiteSettingsDialog::markModified);
    for (QRadioButton *radio : {m_keychain, m_environment}) {
        connect(radio, &QRadioButton::toggled, this, [this] {
            m_password->setEnabled(m_canManage && m_keychain->isChecked());
            m_variable->setEnabled(m_canManage && m_environment->isChecked());
            markModified();
        });
    }
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading || row < 0) {
            return;
        }
        const qint64 id = m_list->item(row)->data(siteIdRole).toLongLong();
        if (id == m_site.id) {
            return;
        }
        if (!confirmLeavingChanges()) {
            const QSignalBlocker blocker(m_list);
            for (int i = 0; i < m_list->count(); ++i) {
                if (m_list->item(i)->data(siteIdRole).toLongLong() == m_site.id) {
                    m_list->setCurrentRow(i);
                }
            }
            return;
        }
        selectSite(id);
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (confirmLeavingChanges()) {
            addSite();
        }
    });
    connect(m_remove, &QPushButton::clicked, this, &SiteSettingsDialog::removeSite);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_test, &QPushButton::clicked, this, &SiteSettingsDialog::testConnection);
    connect(buttons, &QDialogButtonBox::rejected, this, &SiteSettingsDialog::reject);

    for (QWidget *field : std::initializer_list<QWidget *> {m_name, m_type, m_url, m_user,
             m_keychain, m_password, m_environment, m_variable, m_language, m_unpublish, m_timeout,
             m_enabled, m_add, m_remove, m_save}) {
        field->setEnabled(m_canManage);
    }

    retranslate();
    resize(900, 560);
    reloadList(0);
}

void SiteSettingsDialog::reloadList(qint64 selectId)
{
    const auto sites = m_service.list();
    m_loading = true;
    m_list->clear();
    if (!sites) {
        showMessage(sites.errorMessage());
    } else {
        for (const Site &site : *sites) {
            auto *item = new QListWidgetItem(site.name, m_list);
            item->setData(siteIdRole, site.id);
            item->setToolTip(site.url.toDisplayString()
                + (site.enabled ? QString() : u"\n"_s + tr("Turned off")));
            if (!site.enabled) {
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            }
        }
    }
    m_loading = false;
    qint64 chosen = selectId;
    if (chosen == 0 && m_list->count() > 0) {
        chosen = m_list->item(0)->data(siteIdRole).toLongLong();
    }
    if (chosen != 0) {
        selectSite(chosen);
    } else {
        addSite();
    }
}

void SiteSettingsDialog::selectSite(qint64 id)
{
    auto site = m_service.get(id);
    if (!site) {
        showMessage(site.errorMessage());
        return;
    }
    showSite(*site);
    const QSignalBlocker blocker(m_list);
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(siteIdRole).toLongLong() == id) {
            m_list->setCurrentRow(row);
        }
    }
}

void SiteSettingsDialog::addSite()
{
    showSite(Site {});
    {
        const QSignalBlocker blocker(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    m_name->setFocus(Qt::OtherFocusReason);
}

void SiteSettingsDialog::showSite(const Site &site)
{
    m_loading = true;
    m_site = site;
    m_name->setText(site.name);
    m_type->setCurrentIndex(qMax(0, m_type->findData(publishing::siteTypeId(site.type))));
    m_url->setText(site.url.toDisplayString());
    m_user->setText(site.user);
    const bool fromEnvironment = !site.passwordEnv.isEmpty();
    m_environment->setChecked(fromEnvironment);
    m_keychain->setChecked(!fromEnvironment);
    m_password->clear();
    m_variable->setText(site.passwordEnv);
    m_password->setEnabled(m_canManage && !fromEnvironment);
    m_variable->setEnabled(m_canManage && fromEnvironment);
    m_language->setCurrentIndex(qMax(0, m_language->findData(site.language)));
    m_unpublish->setCurrentIndex(
        qMax(0, m_unpublish->findData(publishing::unpublishModeId(site.unpublishMode))));
    m_timeout->setValue(site.timeoutSeconds);
    m_enabled->setChecked(site.enabled);
    m_loading = false;
    m_modified = false;
    m_message->hide();
    m_connection->clear();
    // A test still running answers for the site shown before; its answer is dropped.
    ++m_testRequest;
    m_testing = false;
    m_test->setEnabled(true);
    m_remove->setEnabled(m_canManage && site.id != 0);
    updateTypeDependentFields();
    retranslate();
}

Site SiteSettingsDialog::siteFromForm() const
{
    Site site = m_site;
    site.name = m_name->text().trimmed();
    site.type
        = publishing::siteTypeFromId(m_type->currentData().toString()).value_or(SiteType::Json);
    site.url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty()) {
        site.url = QUrl();
    }
    site.user = m_user->text().trimmed();
    site.passwordEnv = m_environment->isChecked() ? m_variable->text().trimmed() : QString();
    site.language = m_language->currentData().toString();
    site.unpublishMode = publishing::unpublishModeFromId(m_unpublish->currentData().toString())
                             .value_or(UnpublishMode::Draft);
    site.timeoutSeconds = m_timeout->value();
    site.enabled = m_enabled->isChecked();
    return site;
}

void SiteSettingsDialog::updateTypeDependentFields()
{
    const bool wordPress
        = m_type->currentData().toString() == publishing::siteTypeId(SiteType::WordPress);
    m_form->setRowVisible(m_unpublish, wordPress);
    retranslate();
}

void SiteSettingsDialog::markModified()
{
    if (m_loading) {
        return;
    }
    m_modified = true;
    m_connection->clear();
}

bool SiteSettingsDialog::save()
{
    const accounts::Actor actor = m_session.user.actor();
    Site site = siteFromForm();
    const QString secret = m_password->text();
    if (m_environment->isChecked() && site.passwordEnv.isEmpty()) {
        showMessage(tr("Type the name of the environment variable that holds the secret, or "
                       "choose to keep the secret in the keychain."));
        m_variable->setFocus();
        return false;
    }
    if (m_keychain->isChecked() && m_site.id == 0 && secret.isEmpty()) {
        showMessage(site.type == SiteType::WordPress
                ? tr("Type the site's Application Password: Daftar keeps it in the keychain.")
                : tr("Type the secret shared with the portal: Daftar keeps it in the keychain."));
        m_password->setFocus();
        return false;
    }
    const Site before = m_site;
    const bool isNew = site.id == 0;
    auto saved = isNew ? m_service.add(actor, site) : m_service.update(actor, site);
    if (!saved) {
        showMessage(saved.errorMessage());
        return false;
    }
    QString warning;
    const bool keychainBefore = !isNew && before.passwordEnv.isEmpty();
    const bool keychainNow = saved->passwordEnv.isEmpty();
    if (keychainNow && !secret.isEmpty()) {
        if (const Status stored = publishing::SiteSecrets::store(*saved, secret); !stored) {
            warning = tr("The site is saved, but its secret is not: %1\nWithout a keychain, "
                         "put the secret in an environment variable and choose “Read from the "
                         "environment variable”.")
                          .arg(stored.errorMessage());
        }
    } else if (keychainNow && keychainBefore
        && publishing::SiteSecrets::keychainKey(before)
            != publishing::SiteSecrets::keychainKey(*saved)) {
        // The keychain entry is named after the site's name and host: move it along.
        auto kept = publishing::SiteSecrets::read(before);
        const Status moved
            = kept ? publishing::SiteSecrets::store(*saved, *kept) : Status(kept.error());
        if (moved) {
            (void)publishing::SiteSecrets::forget(before);
        } else {
            warning = tr("The site is saved, but its secret stayed under the old name: %1\n"
                         "Type the secret again and save.")
                          .arg(moved.errorMessage());
        }
    }
    if (keychainBefore && !keychainNow) {
        // The secret now comes from the environment; none stays behind in the keychain.
        (void)publishing::SiteSecrets::forget(before);
    }
    m_modified = false;
    reloadList(saved->id);
    emit sitesChanged();
    if (warning.isEmpty()) {
        showMessage(isNew ? tr("Site “%1” added.").arg(saved->name)
                          : tr("Changes to “%1” saved.").arg(saved->name),
            false);
    } else {
        showMessage(warning);
    }
    return warning.isEmpty();
}

void SiteSettingsDialog::removeSite()
{
    if (m_site.id == 0) {
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Remove site"),
        tr("Remove the site “%1” from Daftar? Its queue and the record of what was published "
           "there are dropped too. Nothing is deleted from the site itself.")
            .arg(m_site.name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    const Site removed = m_site;
    const Status done = m_service.remove(m_session.user.actor(), removed.id);
    if (!done) {
        showMessage(done.errorMessage());
        return;
    }
    if (removed.passwordEnv.isEmpty()) {
        (void)publishing::SiteSecrets::forget(removed);
    }
    m_modified = false;
    reloadList(0);
    emit sitesChanged();
    showMessage(tr("Site “%1” removed.").arg(removed.name), false);
}

void SiteSettingsDialog::testConnection()
{
    if (m_testing) {
        return;
    }
    if ((m_modified || m_site.id == 0) && !(m_canManage && save())) {
        if (!m_canManage) {
            showConnectionResult(tr("Only saved settings can be tested."), false);
        }
        return;
    }
    const Site site = m_site;
    const int request = ++m_testRequest;
    m_testing = true;
    m_test->setEnabled(false);
    m_connection->setStyleSheet(QString());
    m_connection->setText(tr("Asking %1…").arg(site.url.host()));
    auto result = std::make_shared<std::optional<Result<QString>>>();
    // Detached from the dialog: a site that never answers must not hold the dialog
    // open, so the thread deletes itself once the check returns.
    QThread *thread = QThread::create(
        [site, result] { result->emplace(publishing::Publisher::connectionReport(site)); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, request, result] {
        if (request != m_testRequest) {
            return;
        }
        m_testing = false;
        m_test->setEnabled(true);
        const Result<QString> &report = result->value();
        showConnectionResult(report ? *report : report.errorMessage(), report.ok());
    });
    thread->start();
}

void SiteSettingsDialog::showConnectionResult(const QString &message, bool ok)
{
    m_connection->setStyleSheet(ok ? successStyle : errorStyle);
    m_connection->setText(Language::inUiDirection(message));
    emit connectionTested(ok, message);
}

void SiteSettingsDialog::showMessage(const QString &message, bool error)
{
    m_message->setStyleSheet(error ? errorStyle : successStyle);
    m_message->setText(Language::inUiDirection(message));
    m_message->show();
}

bool SiteSettingsDialog::confirmLeavingChanges()
{
    if (!m_modified || !m_canManage) {
        return true;
    }
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
        tr("Save the changes to “%1” first?")
            .arg(m_name->text().isEmpty() ? tr("the new site") : m_name->text()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    if (answer == QMessageBox::Save) {
        return save();
    }
    m_modified = false;
    return true;
}

void SiteSettingsDialog::reject()
{
    if (confirmLeavingChanges()) {
        QDialog::reject();
    }
}

void SiteSettingsDialog::retranslate()
{
    setWindowTitle(tr("Sites"));
    m_sitesLabel->setText(tr("Sites Daftar publishes to"));
    m_add->setText(tr("&Add"));
    m_remove->setText(tr("&Remove…"));
    m_refusal->setText(tr("Your role (%1) may see the sites but not change them; an "
                          "administrator can.")
                           .arg(accounts::roleDisplayName(m_session.user.role)));
    const bool wordPress
        = m_type->currentData().toString() == publishing::siteTypeId(SiteType::WordPress);
    m_type->setItemText(0, publishing::siteTypeDisplayName(SiteType::WordPress));
    m_type->setItemText(1, publishing::siteTypeDisplayName(SiteType::Json));
    m_language->setItemText(0, tr("Any language"));
    m_language->setItemText(1, tr("Persian only"));
    m_language->setItemText(2, tr("English only"));
    m_unpublish->setItemText(0, tr("Turns the post back into a draft"));
    m_unpublish->setItemText(1, tr("Moves the post to the trash"));
    m_timeout->setSuffix(tr(" seconds"));
    setRowLabel(m_form, m_name, tr("&Name:"));
    setRowLabel(m_form, m_type, tr("&Type:"));
    setRowLabel(m_form, m_url, tr("&Address:"));
    setRowLabel(m_form, m_user, wordPress ? tr("&User:") : tr("&Client name:"));
    setRowLabel(m_form, m_language, tr("&Language:"));
    setRowLabel(m_form, m_unpublish, tr("&Unpublishing:"));
    setRowLabel(m_form, m_timeout, tr("T&imeout:"));
    if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_keychain->parentWidget()))) {
        label->setText(wordPress ? tr("Application &Password:") : tr("Shared &secret:"));
    }
    m_name->setPlaceholderText(tr("e.g. Main site"));
    m_url->setPlaceholderText(
        wordPress ? u"https://example.ir"_s : u"https://portal.example.ir/daftar-api"_s);
    m_userHint->setText(wordPress
            ? tr("The WordPress user the Application Password belongs to.")
            : tr("Only a name the portal sees in its logs; it is not a password and may stay "
                 "empty."));
    m_keychain->setText(tr("Stored in the keychain"));
    m_environment->setText(tr("Read from the environment variable"));
    m_password->setPlaceholderText(m_site.id == 0 || !m_site.passwordEnv.isEmpty()
            ? QString()
            : tr("Leave empty to keep the stored one"));
    m_secretHint->setText(tr("Daftar never keeps the secret in its database. The variable suits "
                             "a server or a scheduled task, where there is no keychain."));
    m_enabled->setText(tr("Publish to this site"));
    m_test->setText(tr("&Test connection"));
    m_test->setToolTip(tr("Saves the changes, then asks the site with these credentials"));
    m_save->setText(tr("&Save"));
    m_close->setText(tr("Close"));
}

void SiteSettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
