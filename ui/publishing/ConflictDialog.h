// Someone changed a post on the site after Daftar last sent it: both versions
// side by side (title, when it was changed, the text), and the chief editor's
// choice between overwriting the site's version and keeping it.
#pragma once

#include "Session.h"
#include "publishing/Outbox.h"

#include <QDialog>

#include <optional>

class QGroupBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace daftar::ui {

class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(Session &session, qint64 jobId, QWidget *parent = nullptr);

    // Whether the conflict could be read; errorMessage() says why not.
    bool isLoaded() const { return m_conflict.has_value(); }
    QString errorMessage() const { return m_error; }
    // What the user chose, once the dialog was accepted.
    std::optional<publishing::ConflictChoice> choice() const { return m_choice; }

    void resolve(publishing::ConflictChoice choice);

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void retranslate();
    void showMessage(const QString &message);

    Session &m_session;
    publishing::Outbox m_outbox;
    qint64 m_jobId;
    std::optional<publishing::Conflict> m_conflict;
    QDateTime m_ourModified;
    std::optional<publishing::ConflictChoice> m_choice;
    QString m_error;

    QLabel *m_explanation;
    QGroupBox *m_siteBox;
    QLabel *m_siteTitle;
    QLabel *m_siteModified;
    QTextBrowser *m_siteContent;
    QGroupBox *m_ourBox;
    QLabel *m_ourTitle;
    QLabel *m_ourModifiedText;
    QTextBrowser *m_ourContent;
    QLabel *m_message;
    QPushButton *m_overwrite;
    QPushButton *m_keep;
    QPushButton *m_cancel;
};

} // namespace daftar::ui
