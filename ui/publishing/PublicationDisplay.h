// How publishing values read in the UI's language, shared by the publishing
// page, its dialogs and the article editor's "Published" box.
#pragma once

#include "publishing/Outbox.h"

#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QString>

namespace daftar::ui {

// "On the site — in sync", "On the site — changed since", "Taken down".
QString publicationStateText(const publishing::Publication &publication);
// The same, short, for a line that already names the site: "in sync", "changed since", "taken
// down" (the core's words, which daftar-cli prints too).
using publishing::publicationStateBrief;
QColor publicationStateColor(const publishing::Publication &publication);

// The colour that stands for a job's state: red for failed, orange for a
// conflict, green for done.
QColor jobStateColor(publishing::JobState state);
// A coloured dot in that colour.
QIcon jobStateIcon(publishing::JobState state);

// A moment in Jalali with the locale's digits; empty for an invalid one.
QString formatMoment(const QDateTime &moment, const QLocale &locale);
// What the site reports as its modified time (ISO 8601, UTC), read as a moment.
QString formatSiteMoment(const QString &iso, const QLocale &locale);

} // namespace daftar::ui
