// Importing the member spreadsheets provinces send: choose the file, see how it
// will be read (format, encoding, which column feeds which field) before anything
// is written, optionally check it only, then import with progress and a way to
// stop, and read or save the report of the rows that could not go in.
#pragma once

#include "Session.h"
#include "members/MemberImport.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;

namespace daftar::ui {

class ImportPreviewModel;
class ImportProblemsModel;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(Session &session, QWidget *parent = nullptr);

    // Shows how the file will be read, as choosing it in the file dialog does.
    void setFile(const QString &path);
    QString file() const { return m_path; }

    void startImport();
    bool isImporting() const { return m_importing; }
    // The outcome of the last import or check; nothing before the first.
    const std::optional<members::ImportReport> &report() const { return m_report; }
    Status saveReport(const QString &path) const;

signals:
    // An import or check ended, whether it went through, was stopped or failed.
    void importFinished();

protected:
    void reject() override;
    void changeEvent(QEvent *event) override;

private:
    void chooseFile();
    void refreshPreview();
    void showPreviewDetails();
    void showReport();
    void saveReportAs();
    void showMessage(const QString &message, bool error = true);
    void setImporting(bool importing);
    void retranslate();

    Session &m_session;
    QString m_path;
    std::optional<members::ImportPreview> m_preview;
    std::optional<members::ImportReport> m_report;
    bool m_importing = false;
    bool m_cancelRequested = false;
    bool m_reportIsCheckOnly = false;

    QLabel *m_fileLabel;
    QLineEdit *m_fileName;
    QPushButton *m_choose;
    QLabel *m_encodingLabel;
    QComboBox *m_encoding;
    QLabel *m_detected;
    QLabel *m_warnings;
    QLabel *m_previewTitle;
    QTableView *m_previewTable;
    ImportPreviewModel *m_previewModel;
    QSplitter *m_panes;
    QCheckBox *m_dryRun;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_cancel;
    QGroupBox *m_resultBox;
    QLabel *m_summary;
    QTableView *m_problemsTable;
    ImportProblemsModel *m_problemsModel;
    QPushButton *m_saveReport;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
};

} // namespace daftar::ui
