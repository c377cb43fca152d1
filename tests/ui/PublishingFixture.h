// What the publishing screen tests share: a fresh database with an
// administrator, a chief editor and an editor, approved articles, JSON portal
// sites whose secret comes from an environment variable, an address where
// nothing listens, and a way to answer the next modal dialog.
#pragma once

#include "TestDatabase.h"
#include "accounts/AccountService.h"
#include "newsroom/ArticleService.h"
#include "publishing/Site.h"
#include "shell/Session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

namespace daftar::test {

class PublishingFixture
{
public:
    PublishingFixture()
        : m_db(m_testDb.open())
    {
        accounts::AccountService accounts(*m_db);
        const auto add = [&](const QString &name, const QString &display, accounts::Role role) {
            auto user = accounts.addUser(accounts::Actor::operatingSystemUser(),
                {name, display, role, {}, QStringLiteral("Tabriz-1403!")});
            if (!user) {
                qFatal("%s", qPrintable(user.errorMessage()));
            }
            return std::make_unique<ui::Session>(ui::Session {*m_db, *user});
        };
        m_admin = add(
            QStringLiteral("maryam"), QStringLiteral("مریم احمدی"), accounts::Role::Administrator);
        m_chief = add(
            QStringLiteral("chief"), QStringLiteral("علی شهریور"), accounts::Role::ChiefEditor);
        m_editor
            = add(QStringLiteral("sara"), QStringLiteral("سارا رضایی"), accounts::Role::Editor);
    }

    storage::Database &db() { return *m_db; }
    ui::Session &admin() { return *m_admin; }
    ui::Session &chief() { return *m_chief; }
    ui::Session &editor() { return *m_editor; }

    // An article the chief editor wrote and approved: ready to publish.
    qint64 approvedArticle(const QString &title, const QString &body)
    {
        newsroom::ArticleService articles(*m_db);
        const accounts::Actor actor = m_chief->user.actor();
        newsroom::Article article;
        article.title = title;
        article.lead = QStringLiteral("خلاصه: %1").arg(title);
        article.body = body;
        article.category = QStringLiteral("اخبار تعاون");
        article.eventDate = QDate(2019, 11, 24);
        auto created = articles.create(actor, article);
        if (!created) {
            qFatal("%s", qPrintable(created.errorMessage()));
        }
        for (auto status : {newsroom::ArticleStatus::InReview, newsroom::ArticleStatus::Approved}) {
            if (auto moved = articles.setStatus(actor, created->id, status); !moved) {
                qFatal("%s", qPrintable(moved.errorMessage()));
            }
        }
        return created->id;
    }

    publishing::Site addJsonSite(
        const QString &name, const QUrl &url, const QString &variable, int timeoutSeconds = 10)
    {
        publishing::Site site;
        site.name = name;
        site.type = publishing::SiteType::Json;
        site.url = url;
        site.passwordEnv = variable;
        site.timeoutSeconds = timeoutSeconds;
        auto added = publishing::SiteService(*m_db).add(m_admin->user.actor(), site);
        if (!added) {
            qFatal("%s", qPrintable(added.errorMessage()));
        }
        return *added;
    }

    // An address on this computer where nothing listens any more: the port was
    // free a moment ago, so the connection is refused at once.
    static QUrl closedPortUrl()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        const quint16 port = server.serverPort();
        server.close();
        return QUrl(QStringLiteral("http://127.0.0.1:%1/daftar-api").arg(port));
    }

private:
    TestDatabase m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<ui::Session> m_admin;
    std::unique_ptr<ui::Session> m_chief;
    std::unique_ptr<ui::Session> m_editor;
};

// Answers the next modal dialog that opens (a message box, the conflict
// dialog) with `handle`, from the event loop.
inline void whenDialogOpens(std::function<void(QWidget *dialog)> handle)
{
    auto *timer = new QTimer;
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(timer, &QTimer::timeout, [timer, started, handle] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handle(dialog);
        } else if (started->elapsed() > 10000) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

} // namespace daftar::test
