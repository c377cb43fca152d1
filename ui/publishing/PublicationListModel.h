// "Where it is published": every article and page Daftar has pushed to a site,
// with its public address, when it was last pushed and whether the site still
// shows what Daftar holds.
#pragma once

#include "accounts/Actor.h"
#include "publishing/Outbox.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <optional>

namespace daftar::ui {

class PublicationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Item, Site, Url, Pushed, State, ColumnCount };
    enum Role {
        UrlRole = Qt::UserRole, // the public address as a QUrl
        EntityIdRole,
    };

    PublicationListModel(
        publishing::Outbox &outbox, accounts::Actor actor, QObject *parent = nullptr);

    // Reads the outbox again; with a site, only what is on that site.
    void reload(std::optional<qint64> siteId = std::nullopt);
    void refresh();
    QString errorMessage() const { return m_error; }

    std::optional<publishing::Publication> publicationAt(int row) const;

    void setLocale(const QLocale &locale);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    publishing::Outbox &m_outbox;
    accounts::Actor m_actor;
    std::optional<qint64> m_siteId;
    QLocale m_locale;
    QList<publishing::Publication> m_rows;
    QString m_error;
};

} // namespace daftar::ui
