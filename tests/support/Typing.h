// Typing Persian into a widget: QTest::keyClicks only knows Latin-1, so each
// character is sent as a key event that carries it as text.
#pragma once

#include <QTest>
#include <QWidget>

namespace daftar::test {

inline void typeText(QWidget *widget, QStringView text)
{
    for (const QChar character : text) {
        QTest::sendKeyEvent(
            QTest::Press, widget, Qt::Key_unknown, QString(character), Qt::NoModifier);
        QTest::sendKeyEvent(
            QTest::Release, widget, Qt::Key_unknown, QString(character), Qt::NoModifier);
    }
}

} // namespace daftar::test
