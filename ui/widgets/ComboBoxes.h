// Combo boxes whose items are rebuilt (a language switch, a reload) without
// losing what the user had chosen or firing their change signals.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

class QComboBox;

namespace daftar::ui {

// Replaces the items by (text, data) pairs and selects again the item whose data
// was selected before (the first item when it is gone).
void refillKeepingChoice(QComboBox *combo, const QList<QPair<QString, QVariant>> &items);

} // namespace daftar::ui
