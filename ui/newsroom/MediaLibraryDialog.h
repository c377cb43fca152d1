// The media library: every image imported once, as thumbnails; importing more,
// describing each for readers who cannot see it (alt text), and choosing the
// one to insert into an article.
#pragma once

#include "Session.h"
#include "newsroom/MediaLibrary.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace daftar::ui {

class MediaLibraryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MediaLibraryDialog(Session &session, QWidget *parent = nullptr);
    ~MediaLibraryDialog() override;

    // The image to insert, with its alt text; set when the dialog is accepted.
    std::optional<newsroom::MediaItem> chosen() const { return m_chosen; }

    // Imports the files as "Import images…" does after its file dialog: each
    // file that cannot be imported is listed with the reason, the others go in.
    // True when every file is now in the library.
    bool importFiles(const QStringList &paths);
    void selectItem(qint64 id);
    // Chooses the selected image and accepts the dialog.
    void insertSelected();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseFilesToImport();
    void reload();
    void fillGrid();
    void showSelection();
    void saveAlt();
    void updateState();
    void retranslate();
    void showMessage(const QString &message, bool error);
    int selectedIndex() const;
    QString sizeText(qint64 bytes) const;
    QString caption(const newsroom::MediaItem &item) const;
    QString details(const newsroom::MediaItem &item) const;

    Session &m_session;
    newsroom::MediaLibrary m_library;
    bool m_canWrite = false;
    QList<newsroom::MediaItem> m_items;
    QString m_loadError;
    std::optional<newsroom::MediaItem> m_chosen;

    QListView *m_grid;
    QStandardItemModel *m_model;
    QLabel *m_emptyState;
    QLabel *m_details;
    QLabel *m_altLabel;
    QLineEdit *m_alt;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
    QPushButton *m_insert;
};

} // namespace daftar::ui
