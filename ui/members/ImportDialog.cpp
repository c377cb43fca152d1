#include "ImportDialog.h"

#include "ImportPreviewModel.h"
#include "ImportProblemsModel.h"
#include "Language.h"
#include "text/PersianText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using importing::Encoding;

namespace {

constexpr int previewRows = 20;
// A long cell (an address) should not push the other columns out of sight.
constexpr int widestPreviewColumn = 260;
const auto directoryKey = "ui/import/directory"_L1;

const QList<Encoding> encodings {
    Encoding::Auto, Encoding::Utf8, Encoding::Utf16, Encoding::Windows1256};

QString encodingTitle(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Auto:
        return ImportDialog::tr("Detect automatically");
    case Encoding::Utf8:
        return u"UTF-8"_s;
    case Encoding::Utf16:
        return u"UTF-16"_s;
    case Encoding::Windows1256:
        return ImportDialog::tr("Windows-1256 (Arabic Windows)");
    }
    return {};
}

QString delimiterName(QChar delimiter)
{
    switch (delimiter.unicode()) {
    case u',':
        return ImportDialog::tr("commas");
    case u';':
        return ImportDialog::tr("semicolons");
    case u'\t':
        return ImportDialog::tr("tabs");
    case u'|':
        return ImportDialog::tr("vertical bars");
    }
    return ImportDialog::tr("“%1”").arg(delimiter);
}

void setUpTable(QTableView *view)
{
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
}

} // namespace

ImportDialog::ImportDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_fileLabel(new QLabel(this))
    , m_fileName(new QLineEdit(this))
    , m_choose(new QPushButton(this))
    , m_encodingLabel(new QLabel(this))
    , m_encoding(new QComboBox(this))
    , m_detected(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_previewTitle(new QLabel(this))
    , m_previewTable(new QTableView(this))
    , m_previewModel(new ImportPreviewModel(this))
    , m_panes(new QSplitter(Qt::Vertical, this))
    , m_dryRun(new QCheckBox(this))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_progressText(new QLabel(m_progressRow))
    , m_cancel(new QPushButton(m_progressRow))
    , m_resultBox(new QGroupBox(this))
    , m_summary(new QLabel(m_resultBox))
    , m_problemsTable(new QTableView(m_resultBox))
    , m_problemsModel(new ImportProblemsModel(this))
    , m_saveReport(new QPushButton(m_resultBox))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_import(new QPushButton(this))
{
    setObjectName(u"importDialog"_s);
    m_fileName->setObjectName(u"fileName"_s);
    m_choose->setObjectName(u"chooseFile"_s);
    m_encoding->setObjectName(u"encoding"_s);
    m_detected->setObjectName(u"detected"_s);
    m_warnings->setObjectName(u"warnings"_s);
    m_previewTable->setObjectName(u"previewTable"_s);
    m_dryRun->setObjectName(u"dryRun"_s);
    m_progress->setObjectName(u"progress"_s);
    m_progressText->setObjectName(u"progressText"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_summary->setObjectName(u"summary"_s);
    m_problemsTable->setObjectName(u"problemsTable"_s);
    m_saveReport->setObjectName(u"saveReport"_s);
    m_message->setObjectName(u"message"_s);
    m_import->setObjectName(u"importButton"_s);

    // A path reads left to right whatever the language.
    m_fileName->setReadOnly(true);
    m_fileName->setLayoutDirection(Qt::LeftToRight);
    for (Encoding encoding : encodings) {
        m_encoding->addItem(QString(), int(encoding));
    }
    m_encoding->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (QLabel *label : {m_detected, m_warnings, m_summary, m_message}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_summary->setTextFormat(Qt::RichText);
    m_detected->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_warnings->setStyleSheet(u"color: #8a5300;"_s);
    m_warnings->hide();

    m_previewTable->setModel(m_previewModel);
    setUpTable(m_previewTable);
    m_previewTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_previewTable->horizontalHeader()->setStretchLastSection(true);

    m_problemsTable->setModel(m_problemsModel);
    setUpTable(m_problemsTable);
    m_problemsTable->horizontalHeader()->setStretchLastSection(true);

    m_progress->setTextVisible(false);
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_progressText);
    progressLayout->addWidget(m_cancel);
    m_progressRow->hide();

    auto *resultLayout = new QVBoxLayout(m_resultBox);
    resultLayout->addWidget(m_summary);
    resultLayout->addWidget(m_problemsTable, 1);
    resultLayout->addWidget(m_saveReport, 0, Qt::AlignLeading);
    m_resultBox->hide();

    m_message->hide();
    m_buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    m_import->setEnabled(false);
    // Enter must not start an import the user has not asked for.
    m_import->setAutoDefault(false);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileName, 1);
    fileRow->addWidget(m_choose);
    auto *form = new QFormLayout;
    form->addRow(m_fileLabel, fileRow);
    form->addRow(m_encodingLabel, m_encoding);
    m_fileLabel->setBuddy(m_choose);
    m_encodingLabel->setBuddy(m_encoding);

    // Preview and result share the height, and the user can move the line between them.
    auto *previewPane = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_previewTitle);
    previewLayout->addWidget(m_previewTable, 1);
    m_panes->addWidget(previewPane);
    m_panes->addWidget(m_resultBox);
    m_panes->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_detected);
    layout->addWidget(m_warnings);
    layout->addWidget(m_panes, 1);
    layout->addWidget(m_dryRun);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_choose, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportDialog::refreshPreview);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_saveReport, &QPushButton::clicked, this, &ImportDialog::saveReportAs);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    retranslate();
    resize(940, 740);
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Import members"));
    m_fileLabel->setText(tr("&File:"));
    m_fileName->setPlaceholderText(tr("CSV or Excel file sent by a province"));
    m_choose->setText(tr("C&hoose…"));
    m_encodingLabel->setText(tr("&Encoding:"));
    for (int i = 0; i < encodings.size(); ++i) {
        m_encoding->setItemText(i, encodingTitle(encodings.at(i)));
    }
    m_encoding->setToolTip(tr("If the preview shows broken letters, choose the encoding the "
                              "file was saved in."));
    m_dryRun->setText(tr("Check &only (dry run): report what would happen, write nothing"));
    m_cancel->setText(tr("Stop"));
    m_cancel->setToolTip(tr("Stop after the rows read so far; what was imported stays."));
    m_resultBox->setTitle(tr("Result"));
    m_saveReport->setText(tr("&Save report…"));
    m_saveReport->setToolTip(tr("Save the problems as a CSV file that opens in Excel, to send "
                                "back to the province."));
    m_import->setText(tr("&Import"));
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    m_previewModel->retranslate();
    m_problemsModel->retranslate();
    showPreviewDetails();
    showReport();
}

void ImportDialog::chooseFile()
{
    QSettings settings;
    const QString directory
        = m_path.isEmpty() ? settings.value(directoryKey).toString() : QFileInfo(m_path).path();
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Choose the file to import"), directory,
            tr("Member spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)") + u";;"_s
                + tr("All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    settings.setValue(directoryKey, QFileInfo(path).path());
    setFile(path);
}

void ImportDialog::setFile(const QString &path)
{
    m_path = path;
    m_fileName->setText(QDir::toNativeSeparators(path));
    m_report.reset();
    refreshPreview();
    showReport();
}

void ImportDialog::refreshPreview()
{
    m_message->hide();
    m_preview.reset();
    m_previewModel->clear();
    if (!m_path.isEmpty()) {
        const auto encoding = Encoding(m_encoding->currentData().toInt());
        auto preview = members::MemberImport(m_session.db).preview(m_path, encoding, previewRows);
        if (preview) {
            m_preview = std::move(*preview);
            m_previewModel->setPreview(m_preview->mapping, m_preview->rows);
            m_previewTable->resizeColumnsToContents();
            m_previewTable->resizeRowsToContents();
            for (int column = 0; column < m_previewModel->columnCount(); ++column) {
                m_previewTable->setColumnWidth(
                    column, qMin(m_previewTable->columnWidth(column), widestPreviewColumn));
            }
        } else {
            showMessage(preview.errorMessage());
        }
    }
    showPreviewDetails();
}

void ImportDialog::showPreviewDetails()
{
    const QLocale locale = this->locale();
    m_import->setEnabled(m_preview.has_value() && !m_importing);
    m_previewTitle->setVisible(m_preview.has_value());
    m_previewTable->setVisible(m_preview.has_value());
    m_dryRun->setVisible(m_preview.has_value());
    m_detected->setVisible(m_preview.has_value());
    m_warnings->setVisible(false);
    m_encoding->setEnabled(!m_importing);
    if (!m_preview) {
        return;
    }
    const importing::TableInfo &table = m_preview->table;
    const bool workbook = table.format == "xlsx"_L1;
    // A workbook names its own encoding.
    m_encoding->setEnabled(!workbook && !m_importing);
    if (workbook) {
        m_detected->setText(tr("Read as an Excel workbook, sheet “%1”.").arg(table.sheetName));
    } else {
        QString encoding = encodingTitle(table.encoding);
        if (table.hadBom) {
            encoding = tr("%1 with a byte order mark").arg(encoding);
        }
        if (Encoding(m_encoding->currentData().toInt()) == Encoding::Auto) {
            encoding = tr("%1, detected").arg(encoding);
        }
        m_detected->setText(tr("Read as CSV text in %1, columns separated by %2.")
                                .arg(encoding, delimiterName(table.delimiter)));
    }
    QStringList warnings;
    if (table.decodingErrors) {
        warnings << tr("Some bytes are not valid %1, so some letters may show as �. Choose the "
                       "encoding the file was saved in above.")
                        .arg(encodingTitle(table.encoding));
    }
    if (!m_preview->mapping.unknownHeaders.isEmpty()) {
        QStringList quoted;
        for (const QString &header : m_preview->mapping.unknownHeaders) {
            quoted << tr("“%1”").arg(header.trimmed());
        }
        warnings << tr("No member field matches %1, so these columns will not be imported. "
                       "Rename a heading if its column holds member details.")
                        .arg(locale.createSeparatedList(quoted));
    }
    m_warnings->setText(Language::inUiDirection(warnings.join(u'\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    m_previewTitle->setText(m_preview->rows.isEmpty()
            ? tr("The file has column headings but no rows below them.")
            : tr("The first rows of the file, as they will be read:"));
}

void ImportDialog::startImport()
{
    if (!m_preview || m_importing) {
        return;
    }
    m_message->hide();
    m_report.reset();
    m_cancelRequested = false;
    m_reportIsCheckOnly = m_dryRun->isChecked();
    setImporting(true);

    members::ImportOptions options;
    options.encoding = Encoding(m_encoding->currentData().toInt());
    options.dryRun = m_reportIsCheckOnly;
    // The database connection belongs to this thread, so the import runs here and
    // keeps the window alive between batches instead of moving to a worker.
    options.progress = [this](qint64 rowsRead) {
        if (!m_cancelRequested) {
            m_progressText->setText(tr("%1 rows read…").arg(locale().toString(rowsRead)));
        }
        QCoreApplication::processEvents();
        return !m_cancelRequested;
    };
    options.writing = [this](qint64 rows) {
        m_cancel->setEnabled(false);
        m_progressText->setText(tr("Writing %1 members into the bank in one go; this cannot be "
                                   "cancelled…")
                                    .arg(locale().toString(rows)));
        QCoreApplication::processEvents();
    };
    QCoreApplication::processEvents();
    auto report = members::MemberImport(m_session.db).run(m_session.user.actor(), m_path, options);
    setImporting(false);
    if (report) {
        m_report = std::move(*report);
    } else {
        showMessage(report.errorMessage());
    }
    showReport();
    emit importFinished();
}

void ImportDialog::setImporting(bool importing)
{
    m_importing = importing;
    m_progressRow->setVisible(importing);
    // Batches report only the rows read, not how many are left: the bar shows activity.
    m_progress->setRange(0, 0);
    m_progressText->setText(importing ? tr("Reading the file…") : QString());
    m_cancel->setEnabled(importing);
    m_choose->setEnabled(!importing);
    m_dryRun->setEnabled(!importing);
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!importing);
    if (importing) {
        m_resultBox->hide();
    }
    showPreviewDetails();
}

void ImportDialog::showReport()
{
    const bool wasShown = m_resultBox->isVisibleTo(this);
    m_resultBox->setVisible(m_report.has_value());
    if (!m_report) {
        m_problemsModel->setProblems({});
        return;
    }
    const QLocale locale = this->locale();
    const members::ImportReport &report = *m_report;
    const auto figure = [&](qint64 value) {
        return u"<b>%1</b>"_s.arg(locale.toString(value));
    };
    QString summary = (m_reportIsCheckOnly
            ? tr("Checked only, nothing was written. Rows read: %4 — would be imported: %1, "
                 "already in the bank: %2, would be rejected: %3.")
            : tr("Rows read: %4 — imported: %1, already in the bank: %2, rejected: %3."))
                          .arg(figure(report.imported), figure(report.alreadyPresent),
                              figure(report.rejected), figure(report.dataRows));
    if (report.cancelled) {
        summary += u"<br>"_s
            + (m_reportIsCheckOnly
                    ? tr("The check stopped before the end of the file.")
                    : tr("The import stopped before the end of the file. What was imported "
                         "stays; run the import again to go on, and members already imported "
                         "will be recognised rather than added twice."));
    } else if (report.problems.isEmpty()) {
        summary += u"<br>"_s + tr("Every row could be read without a problem.");
    } else {
        summary += u"<br>"_s
            + tr("The rows below were not imported. Correct them in the file and import it "
                 "again, or save the report and send it back to the province.");
    }
    m_summary->setText(summary);
    if (!wasShown) {
        // The outcome is what the user reads now; the preview keeps a few rows in sight.
        const int height = m_panes->height();
        m_panes->setSizes({height * 2 / 5, height - height * 2 / 5});
    }
    m_problemsModel->setProblems(report.problems);
    m_problemsTable->setVisible(!report.problems.isEmpty());
    m_saveReport->setVisible(!report.problems.isEmpty());
    if (!report.problems.isEmpty()) {
        m_problemsTable->resizeColumnToContents(ImportProblemsModel::Row);
        m_problemsTable->resizeColumnToContents(ImportProblemsModel::FileColumn);
        m_problemsTable->resizeColumnToContents(ImportProblemsModel::Value);
        m_problemsTable->setColumnWidth(ImportProblemsModel::Value,
            qMin(m_problemsTable->columnWidth(ImportProblemsModel::Value), widestPreviewColumn));
    }
}

Status ImportDialog::saveReport(const QString &path) const
{
    if (!m_report) {
        return makeError(Error::Kind::NotFound, tr("There is no report yet: import first."));
    }
    return m_report->saveCsv(path);
}

void ImportDialog::saveReportAs()
{
    const QFileInfo source(m_path);
    const QString suggested
        = source.dir().filePath(tr("%1 - import problems.csv").arg(source.completeBaseName()));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the import report"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    if (const Status saved = saveReport(path); !saved) {
        showMessage(saved.errorMessage());
        return;
    }
    showMessage(tr("The report was saved to %1.")
                    .arg(text::isolateLeftToRight(QDir::toNativeSeparators(path))),
        false);
}

void ImportDialog::showMessage(const QString &message, bool error)
{
    m_message->setStyleSheet(error ? u"color: #b00020;"_s : QString());
    m_message->setText(Language::inUiDirection(message));
    m_message->show();
}

void ImportDialog::reject()
{
    // Closing while rows are being written stops the import first.
    if (m_importing) {
        m_cancelRequested = true;
        m_cancel->setEnabled(false);
        m_progressText->setText(tr("Stopping…"));
        return;
    }
    QDialog::reject();
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        showPreviewDetails();
        showReport();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
