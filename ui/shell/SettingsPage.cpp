#include "SettingsPage.h"

#include "AddUserDialog.h"
#include "Language.h"
#include "UsersModel.h"
#include "storage/Schema.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QEvent>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

SettingsPage::SettingsPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_accounts(session.db)
    , m_title(new QLabel(this))
    , m_accountBox(new QGroupBox(this))
    , m_accountText(new QLabel(m_accountBox))
    , m_databaseBox(new QGroupBox(this))
    , m_databaseText(new QLabel(m_databaseBox))
    , m_usersBox(new QGroupBox(this))
    , m_usersRefusal(new QLabel(m_usersBox))
    , m_usersView(new QTableView(m_usersBox))
    , m_usersModel(new UsersModel(this))
    , m_addUser(new QPushButton(m_usersBox))
{
    m_title->setObjectName(u"pageTitle"_s);
    m_usersView->setObjectName(u"usersView"_s);
    m_addUser->setObjectName(u"addUser"_s);
    m_usersRefusal->setObjectName(u"usersRefusal"_s);
    for (QLabel *label : {m_accountText, m_databaseText, m_usersRefusal}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_usersView->setModel(m_usersModel);
    m_usersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_usersView->setSortingEnabled(false);
    m_usersView->verticalHeader()->hide();
    m_usersView->horizontalHeader()->setStretchLastSection(true);
    m_usersView->setAlternatingRowColors(true);

    (new QVBoxLayout(m_accountBox))->addWidget(m_accountText);
    (new QVBoxLayout(m_databaseBox))->addWidget(m_databaseText);
    auto *usersLayout = new QVBoxLayout(m_usersBox);
    usersLayout->addWidget(m_usersRefusal);
    usersLayout->addWidget(m_usersView);
    usersLayout->addWidget(m_addUser, 0, Qt::AlignLeading);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 24);
    layout->addWidget(m_title);
    auto *row = new QHBoxLayout;
    row->addWidget(m_accountBox);
    row->addWidget(m_databaseBox);
    layout->addLayout(row);
    layout->addWidget(m_usersBox, 1);

    connect(m_addUser, &QPushButton::clicked, this, &SettingsPage::addUser);
    retranslate();
}

void SettingsPage::retranslate()
{
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Settings").toHtmlEscaped()));
    m_accountBox->setTitle(tr("Your account"));
    const accounts::User &user = m_session.user;
    QString account = tr("%1 (user name %2), %3.")
                          .arg(user.displayName, text::isolateLeftToRight(user.username),
                              accounts::roleDisplayName(user.role));
    if (const auto province = text::provinceByCode(user.province)) {
        account += u' '
            + tr("Limited to the province of %1.")
                  .arg(locale().language() == QLocale::Persian ? province->persianName
                                                               : province->englishName);
    }
    m_accountText->setText(Language::inUiDirection(account));

    m_databaseBox->setTitle(tr("Database"));
    const auto version = m_session.db.schemaVersion();
    m_databaseText->setText(tr("%1 at %2, schema version %3.")
                                .arg(m_session.db.isPostgres() ? tr("Shared PostgreSQL database")
                                                               : tr("Embedded SQLite file"),
                                    text::isolateLeftToRight(m_session.db.location().displayName()),
                                    locale().toString(version ? *version : 0)));

    m_usersBox->setTitle(tr("User accounts"));
    m_addUser->setText(tr("&Add user…"));
    reloadUsers();
}

void SettingsPage::reloadUsers()
{
    const auto users = m_accounts.users(m_session.user.actor());
    // The core decides who may see accounts; the page shows its answer.
    m_usersRefusal->setVisible(!users);
    m_usersView->setVisible(users.ok());
    m_addUser->setVisible(users.ok());
    if (!users) {
        m_usersRefusal->setText(users.errorMessage());
        m_usersModel->setUsers({});
        return;
    }
    m_usersModel->setUsers(*users);
    m_usersView->resizeColumnsToContents();
}

void SettingsPage::addUser()
{
    AddUserDialog dialog(m_accounts, m_session.user.actor(), this);
    if (dialog.exec() == QDialog::Accepted) {
        reloadUsers();
    }
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace daftar::ui
