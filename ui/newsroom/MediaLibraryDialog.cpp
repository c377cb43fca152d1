#include "MediaLibraryDialog.h"

#include "Language.h"
#include "accounts/Role.h"
#include "text/Jalali.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

constexpr int idRole = Qt::UserRole;
const QSize thumbnailSize(160, 120);

// The thumbnail centred on a canvas of one size, so that every caption lines up
// whatever the shape of its image.
QPixmap framed(const QByteArray &png)
{
    QPixmap thumbnail;
    thumbnail.loadFromData(png, "PNG");
    QPixmap canvas(thumbnailSize);
    canvas.fill(Qt::transparent);
    if (!thumbnail.isNull()) {
        const QPixmap scaled
            = thumbnail.scaled(thumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QPainter painter(&canvas);
        painter.drawPixmap(
            (canvas.width() - scaled.width()) / 2, (canvas.height() - scaled.height()) / 2, scaled);
    }
    return canvas;
}

} // namespace

MediaLibraryDialog::MediaLibraryDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_library(session.db)
    , m_canWrite(accounts::roleAllows(session.user.role, accounts::Permission::WriteArticles))
    , m_grid(new QListView(this))
    , m_model(new QStandardItemModel(this))
    , m_emptyState(new QLabel(this))
    , m_details(new QLabel(this))
    , m_altLabel(new QLabel(this))
    , m_alt(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_import(new QPushButton(this))
    , m_insert(new QPushButton(this))
{
    setObjectName(u"mediaLibraryDialog"_s);
    m_grid->setObjectName(u"mediaGrid"_s);
    m_emptyState->setObjectName(u"emptyState"_s);
    m_details->setObjectName(u"details"_s);
    m_alt->setObjectName(u"altText"_s);
    m_message->setObjectName(u"message"_s);
    m_import->setObjectName(u"importImages"_s);
    m_insert->setObjectName(u"insert"_s);

    m_grid->setModel(m_model);
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setIconSize(thumbnailSize);
    m_grid->setGridSize(QSize(thumbnailSize.width() + 28, thumbnailSize.height() + 64));
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setWrapping(true);
    m_grid->setWordWrap(false);
    m_grid->setUniformItemSizes(true);
    m_grid->setTextElideMode(Qt::ElideNone);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSpacing(6);

    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    m_emptyState->setMargin(32);
    m_details->setWordWrap(true);
    m_details->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_altLabel->setBuddy(m_alt);
    m_alt->setClearButtonEnabled(true);
    m_alt->setReadOnly(!m_canWrite);
    m_alt->installEventFilter(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_import->setShortcut(QKeySequence::Open);
    m_import->setAutoDefault(false);
    m_import->setEnabled(m_canWrite);
    m_insert->setDefault(true);
    m_buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_insert, QDialogButtonBox::AcceptRole);

    auto *altRow = new QHBoxLayout;
    altRow->addWidget(m_altLabel);
    altRow->addWidget(m_alt, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_emptyState, 1);
    layout->addWidget(m_details);
    layout->addLayout(altRow);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MediaLibraryDialog::showSelection);
    // Enter reaches the Insert button as the dialog's default; a double-click inserts too.
    connect(m_grid, &QListView::doubleClicked, this, &MediaLibraryDialog::insertSelected);
    connect(m_alt, &QLineEdit::editingFinished, this, &MediaLibraryDialog::saveAlt);
    connect(m_import, &QPushButton::clicked, this, &MediaLibraryDialog::chooseFilesToImport);
    connect(m_insert, &QPushButton::clicked, this, &MediaLibraryDialog::insertSelected);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &MediaLibraryDialog::reject);

    reload();
    // The newest image first: usually the one just imported for this article.
    if (!m_items.isEmpty()) {
        selectItem(m_items.first().id);
    }
    retranslate();
    resize(820, 600);
}

MediaLibraryDialog::~MediaLibraryDialog()
{
    // The alt field loses focus while QWidget destroys the children, after this
    // object is gone: its editingFinished must not reach saveAlt() then.
    disconnect(m_alt, nullptr, this, nullptr);
}

void MediaLibraryDialog::retranslate()
{
    setWindowTitle(tr("Media library"));
    m_emptyState->setText(m_loadError.isEmpty()
            ? tr("No images yet. Import images (Ctrl+O) once and use them in any article.")
            : m_loadError);
    m_altLabel->setText(tr("&Alt text:"));
    m_alt->setPlaceholderText(
        tr("What the image shows, for readers who cannot see it and for search engines"));
    m_import->setText(tr("&Import images…"));
    m_import->setToolTip(m_canWrite
            ? tr("Add PNG, JPEG, GIF or WebP images to the library (Ctrl+O)")
            : tr("Your role (%1) may not add images.")
                  .arg(accounts::roleDisplayName(m_session.user.role)));
    m_insert->setText(tr("I&nsert"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    fillGrid();
    showSelection();
}

void MediaLibraryDialog::reload()
{
    const auto items = m_library.list();
    m_loadError = items.errorMessage();
    m_items = items.ok() ? *items : QList<newsroom::MediaItem>();
    fillGrid();
}

QString MediaLibraryDialog::sizeText(qint64 bytes) const
{
    const QLocale locale = this->locale();
    if (bytes < 1024) {
        return tr("%1 bytes").arg(locale.toString(bytes));
    }
    if (bytes < 1024 * 1024) {
        return tr("%1 KB").arg(locale.toString((bytes + 1023) / 1024));
    }
    return tr("%1 MB").arg(locale.toString(double(bytes) / (1024.0 * 1024.0), 'f', 1));
}

QString MediaLibraryDialog::caption(const newsroom::MediaItem &item) const
{
    // Elided here rather than by the view, which drops the size line when the
    // name is too long for the cell.
    const int width = m_grid->iconSize().width() - 8;
    return m_grid->fontMetrics().elidedText(item.fileName, Qt::ElideMiddle, width) + u'\n'
        + sizeText(item.size);
}

QString MediaLibraryDialog::details(const newsroom::MediaItem &item) const
{
    QLocale locale = this->locale();
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return Language::inUiDirection(
        tr("%1: %2 × %3 pixels, %4, imported %5")
            .arg(item.fileName, locale.toString(item.width), locale.toString(item.height),
                sizeText(item.size),
                text::formatJalali(item.importedAt.toLocalTime().date(), locale)));
}

void MediaLibraryDialog::fillGrid()
{
    const int previous = selectedIndex();
    const qint64 previousId = previous >= 0 ? m_items.at(previous).id : 0;
    const QSignalBlocker blocker(m_grid->selectionModel());
    m_model->clear();
    for (const newsroom::MediaItem &item : std::as_const(m_items)) {
        auto *row = new QStandardItem(QIcon(framed(item.thumbnail)), caption(item));
        row->setData(item.id, idRole);
        row->setToolTip(item.alt.isEmpty() ? item.fileName : item.fileName + u"\n"_s + item.alt);
        row->setEditable(false);
        m_model->appendRow(row);
    }
    if (previousId != 0) {
        selectItem(previousId);
    }
    updateState();
}

int MediaLibraryDialog::selectedIndex() const
{
    const QModelIndex current = m_grid->selectionModel()->currentIndex();
    if (!current.isValid() || !m_grid->selectionModel()->isSelected(current)) {
        return -1;
    }
    const qint64 id = current.data(idRole).toLongLong();
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

void MediaLibraryDialog::selectItem(qint64 id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(idRole).toLongLong() == id) {
            m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            m_grid->scrollTo(index);
            return;
        }
    }
}

void MediaLibraryDialog::showSelection()
{
    const int index = selectedIndex();
    const QSignalBlocker blocker(m_alt);
    if (index < 0) {
        m_details->clear();
        m_alt->clear();
    } else {
        m_details->setText(details(m_items.at(index)));
        m_alt->setText(m_items.at(index).alt);
    }
    updateState();
}

void MediaLibraryDialog::updateState()
{
    const bool empty = m_items.isEmpty();
    m_grid->setVisible(!empty);
    m_emptyState->setVisible(empty);
    const bool selected = selectedIndex() >= 0;
    m_alt->setEnabled(selected);
    m_altLabel->setEnabled(selected);
    m_insert->setEnabled(selected);
}

void MediaLibraryDialog::saveAlt()
{
    const int index = selectedIndex();
    if (index < 0 || !m_canWrite) {
        return;
    }
    newsroom::MediaItem &item = m_items[index];
    const QString alt = m_alt->text().simplified();
    if (alt == item.alt) {
        return;
    }
    const Status saved = m_library.setAlt(m_session.user.actor(), item.id, alt);
    if (!saved) {
        showMessage(saved.errorMessage(), true);
        return;
    }
    item.alt = alt;
    if (QStandardItem *row = m_model->item(index)) {
        row->setToolTip(alt.isEmpty() ? item.fileName : item.fileName + u"\n"_s + alt);
    }
    showMessage(tr("Alt text of %1 saved.").arg(item.fileName), false);
}

void MediaLibraryDialog::chooseFilesToImport()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import images"), QString(), tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"));
    if (!paths.isEmpty()) {
        importFiles(paths);
    }
}

bool MediaLibraryDialog::importFiles(const QStringList &paths)
{
    const accounts::Actor actor = m_session.user.actor();
    QSet<qint64> known;
    for (const newsroom::MediaItem &item : std::as_const(m_items)) {
        known.insert(item.id);
    }
    QStringList problems;
    QStringList alreadyThere;
    int imported = 0;
    qint64 last = 0;
    for (const QString &path : paths) {
        const auto item = m_library.importFile(actor, path);
        if (!item) {
            problems << Language::inUiDirection(
                tr("%1: %2").arg(QFileInfo(path).fileName(), item.errorMessage()));
            continue;
        }
        last = item->id;
        if (known.contains(item->id)) {
            alreadyThere << item->fileName;
        } else {
            known.insert(item->id);
            ++imported;
        }
    }
    reload();
    if (last != 0) {
        selectItem(last);
        showSelection();
    }

    const QLocale locale = this->locale();
    QStringList lines;
    if (imported == 1) {
        lines << tr("1 image imported.");
    } else if (imported > 1) {
        lines << tr("%1 images imported.").arg(locale.toString(imported));
    }
    if (!alreadyThere.isEmpty()) {
        lines << Language::inUiDirection(
            tr("Already in the library (not imported twice): %1").arg(alreadyThere.join(tr(", "))));
    }
    if (!problems.isEmpty()) {
        lines << tr("%1 of %2 files could not be imported:")
                     .arg(locale.toString(problems.size()), locale.toString(paths.size()))
              << problems;
    }
    showMessage(lines.join(u'\n'), !problems.isEmpty());
    return problems.isEmpty();
}

void MediaLibraryDialog::insertSelected()
{
    const int index = selectedIndex();
    if (index < 0) {
        return;
    }
    // The alt text being typed counts even if the field was not left first.
    saveAlt();
    m_chosen = m_items.at(index);
    accept();
}

void MediaLibraryDialog::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    m_message->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: palette(placeholder-text);"_s);
    m_message->setVisible(!message.isEmpty());
}

bool MediaLibraryDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the alt text saves it; it should not also insert the image and close.
    if (watched == m_alt && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            saveAlt();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void MediaLibraryDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        fillGrid();
        showSelection();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
