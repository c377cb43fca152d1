// The public sites Daftar publishes to: the list on the start side, the chosen
// site's settings beside it (address, user, where its secret comes from,
// language, what unpublishing does, timeout), saved through the core, and a
// "Test connection" that asks the site for real without freezing the dialog.
#pragma once

#include "Session.h"
#include "publishing/Site.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace daftar::ui {

class SiteSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SiteSettingsDialog(Session &session, QWidget *parent = nullptr);

    // Shows the site with this id (after the list was read).
    void selectSite(qint64 id);
    // Clears the form for a new site.
    void addSite();
    // Saves the form; shows what the core refused beside it. Stores a typed
    // secret in the keychain afterwards.
    bool save();
    // Asks, then removes the chosen site (and its queue and secret).
    void removeSite();
    // Saves when needed, then asks the site on a worker thread; the answer
    // appears beside the button (connectionTested() when it arrives).
    void testConnection();

    qint64 currentSiteId() const { return m_site.id; }
    bool isTesting() const { return m_testing; }

    void reject() override;

signals:
    void sitesChanged();
    void connectionTested(bool ok, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reloadList(qint64 selectId);
    void showSite(const publishing::Site &site);
    publishing::Site siteFromForm() const;
    void updateTypeDependentFields();
    void markModified();
    void showMessage(const QString &message, bool error = true);
    void showConnectionResult(const QString &message, bool ok);
    void retranslate();
    bool confirmLeavingChanges();

    Session &m_session;
    publishing::SiteService m_service;
    bool m_canManage = false;
    publishing::Site m_site; // as last loaded or saved; id 0 for a new one
    bool m_modified = false;
    bool m_loading = false;
    bool m_testing = false;
    int m_testRequest = 0;

    QLabel *m_sitesLabel;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_refusal;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_type;
    QLineEdit *m_url;
    QLineEdit *m_user;
    QLabel *m_userHint;
    QRadioButton *m_keychain;
    QLineEdit *m_password;
    QRadioButton *m_environment;
    QLineEdit *m_variable;
    QLabel *m_secretHint;
    QComboBox *m_language;
    QComboBox *m_unpublish;
    QSpinBox *m_timeout;
    QCheckBox *m_enabled;
    QLabel *m_message;
    QPushButton *m_test;
    QLabel *m_connection;
    QPushButton *m_save;
    QPushButton *m_close;
};

} // namespace daftar::ui
