// The seed article (a text dump of a real page of the public site, in
// tests/data/newsroom) as the newsroom would hold it: its title, kind and date,
// the first paragraph as the lead and the others as the body, without the
// site's navigation that the dump glues onto the last paragraph.
#pragma once

#include "newsroom/Article.h"

#include <QFile>
#include <QStringList>

namespace daftar::test {

inline QString seedArticlePath(const QString &dataDirectory)
{
    return dataDirectory + QStringLiteral("/newsroom/cooperative-house-news-1398-09-03.txt");
}

// The article's paragraphs (lead first), or nothing when the file cannot be read.
inline QStringList seedParagraphs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
            lines.append(line.trimmed());
        }
    }
    // The top bar, the kind label and the title come before the paragraphs.
    if (lines.size() < 5) {
        return {};
    }
    QStringList paragraphs = lines.mid(3);
    QString &last = paragraphs.last();
    last = last.left(last.indexOf(QStringLiteral("صفحه اصلی"))).trimmed();
    return paragraphs;
}

inline QString paragraphsHtml(const QStringList &paragraphs)
{
    QString html;
    for (const QString &paragraph : paragraphs) {
        html += QStringLiteral("<p>") + paragraph.toHtmlEscaped() + QStringLiteral("</p>");
    }
    return html;
}

inline newsroom::Article seedArticle(const QString &path)
{
    const QStringList paragraphs = seedParagraphs(path);
    newsroom::Article article;
    article.kind = newsroom::ArticleKind::Announcement;
    article.title
        = QStringLiteral("دبیرکل خانه تعاونگران خواستار تهیه برنامه اقدام توسعه تعاون شد");
    article.eventDate = QDate(2019, 11, 24);
    article.language = QStringLiteral("fa");
    if (!paragraphs.isEmpty()) {
        article.lead = paragraphs.first();
        article.body = paragraphsHtml(paragraphs.mid(1));
    }
    return article;
}

} // namespace daftar::test
