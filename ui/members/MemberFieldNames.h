// The names a user reads for the member fields the core knows by canonical name
// ("national_id"…): the import preview says which field a column feeds, and the
// merge comparison names each row with them.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace daftar::ui {

// Translated; the canonical name itself for a field this list does not know.
QString memberFieldName(QStringView field);

// Every field a merge can take from the other record, in the order of the member form.
QStringList mergeableMemberFields();

} // namespace daftar::ui
