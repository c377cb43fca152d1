// What the publishing tests share: accounts and an article taken through the
// newsroom's workflow to "approved", the only state that may be published.
#pragma once

#include "accounts/AccountService.h"
#include "newsroom/ArticleService.h"
#include "storage/Database.h"

namespace daftar::test {

inline accounts::Actor addPublishingUser(
    storage::Database &db, const QString &name, accounts::Role role)
{
    auto user = accounts::AccountService(db).addUser(accounts::Actor::operatingSystemUser(),
        {name, name, role, {}, QStringLiteral("correct horse battery")});
    if (!user) {
        qFatal("%s", qPrintable(user.errorMessage()));
    }
    return user->actor();
}

// Written by the editor, submitted, approved by the chief editor.
inline newsroom::Article createApproved(storage::Database &db, const accounts::Actor &editor,
    const accounts::Actor &chief, const newsroom::Article &article)
{
    newsroom::ArticleService articles(db);
    auto created = articles.create(editor, article);
    if (!created) {
        qFatal("%s", qPrintable(created.errorMessage()));
    }
    (void)articles.setStatus(editor, created->id, newsroom::ArticleStatus::InReview);
    auto approved = articles.setStatus(chief, created->id, newsroom::ArticleStatus::Approved);
    if (!approved) {
        qFatal("%s", qPrintable(approved.errorMessage()));
    }
    return *approved;
}

} // namespace daftar::test
