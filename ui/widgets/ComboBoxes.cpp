#include "ComboBoxes.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace daftar::ui {

void refillKeepingChoice(QComboBox *combo, const QList<QPair<QString, QVariant>> &items)
{
    const QVariant current = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const auto &[text, data] : items) {
        combo->addItem(text, data);
    }
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

} // namespace daftar::ui
