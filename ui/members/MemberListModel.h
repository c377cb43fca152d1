// The member bank as a table that can hold a million members: the number of rows
// comes from one count, and rows are read a page at a time when the view asks for
// them, keeping only the pages around the ones last shown.
#pragma once

#include "members/MemberService.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QLocale>

#include <optional>

namespace daftar::ui {

class MemberListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        MembershipNo,
        Name,
        Kind,
        NationalId,
        Province,
        City,
        Mobile,
        JoinDate,
        Status,
        ColumnCount
    };
    enum Role { MemberIdRole = Qt::UserRole };

    static constexpr int defaultPageSize = 200;
    static constexpr int maximumCachedPages = 20;

    MemberListModel(
        members::MemberService &service, accounts::Actor actor, QObject *parent = nullptr);

    const members::MemberQuery &query() const { return m_query; }
    // Counts again and forgets every page read so far.
    void setQuery(const members::MemberQuery &query);
    // The same query again, after members were changed.
    void refresh();

    qint64 count() const { return m_count; }
    // Why the last count or page could not be read (e.g. the core refused); empty when it could.
    QString errorMessage() const { return m_error; }

    std::optional<members::Member> memberAt(int row) const;

    // Digits, dates and province names follow this locale.
    void setLocale(const QLocale &locale);
    // Kind and status names are translated; headers too.
    void retranslate();

    void setPageSize(int rows);
    int cachedPageCount() const { return int(m_pages.size()); }

    // The column the rows are sorted by and the direction, as the header should show them.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;
    static bool isSortable(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void countChanged(qint64 count);
    // A page of rows could not be read; the rows stay empty.
    void loadFailed(const QString &message) const;

private:
    const members::Member *memberPointer(int row) const;
    QString display(const members::Member &member, int column) const;

    members::MemberService &m_service;
    accounts::Actor m_actor;
    members::MemberQuery m_query;
    QLocale m_locale;
    int m_pageSize = defaultPageSize;
    qint64 m_count = 0;
    QString m_error;
    // Pages read on demand by data(), which is const for the view.
    mutable QHash<int, QList<members::Member>> m_pages;
    mutable QString m_pageError;
};

} // namespace daftar::ui
