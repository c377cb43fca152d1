// The newsroom's articles and announcements as a table: what ArticleService::list
// returns for a query, sorted in the model (Persian alphabetical order for text,
// newest first by default) and shown in the UI language's digits and Jalali dates.
#pragma once

#include "accounts/Actor.h"
#include "newsroom/ArticleService.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QLocale>

#include <optional>

namespace daftar::ui {

class ArticleListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Title,
        Kind,
        Status,
        Category,
        Language,
        Author,
        EventDate,
        Updated,
        Revision,
        ColumnCount
    };
    enum Role {
        ArticleIdRole = Qt::UserRole,
        StatusIdRole, // statusId() of the row, for styling and tests
    };

    ArticleListModel(
        newsroom::ArticleService &service, accounts::Actor actor, QObject *parent = nullptr);

    const newsroom::ArticleQuery &query() const { return m_query; }
    // Asks the core again for the articles matching `query`.
    void reload(const newsroom::ArticleQuery &query);
    // The same query again, after articles were changed.
    void refresh();

    // Why the last list could not be read (e.g. the core refused); empty when it could.
    QString errorMessage() const { return m_error; }

    std::optional<newsroom::ArticleSummary> articleAt(int row) const;
    // The row showing the article, or -1.
    int rowOf(qint64 id) const;

    // Digits and dates follow this locale.
    void setLocale(const QLocale &locale);
    // Kind, status and language names are translated; headers too.
    void retranslate();

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // The colour that stands for a status in the list (a dot before its name).
    static QColor statusColor(newsroom::ArticleStatus status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loaded(int count);

private:
    QString display(const newsroom::ArticleSummary &article, int column) const;
    void sortRows();
    QIcon statusIcon(newsroom::ArticleStatus status) const;

    newsroom::ArticleService &m_service;
    accounts::Actor m_actor;
    newsroom::ArticleQuery m_query;
    QLocale m_locale;
    QList<newsroom::ArticleSummary> m_rows;
    QString m_error;
    int m_sortColumn = Updated;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    mutable QHash<int, QIcon> m_statusIcons;
};

} // namespace daftar::ui
