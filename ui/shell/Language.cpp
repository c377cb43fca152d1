#include "Language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {
const auto settingsKey = "ui/language"_L1;
}

Language &Language::instance()
{
    static Language language;
    return language;
}

Language::Code Language::saved()
{
    const QString value = QSettings().value(settingsKey, u"fa"_s).toString();
    return value == "en"_L1 ? English : Persian;
}

QLocale Language::localeFor(Code code)
{
    return code == Persian ? QLocale(QLocale::Persian, QLocale::Iran)
                           : QLocale(QLocale::English, QLocale::UnitedStates);
}

QLocale Language::locale() const
{
    return localeFor(m_current);
}

QString Language::inUiDirection(const QString &text)
{
    const QChar mark(QGuiApplication::layoutDirection() == Qt::RightToLeft ? 0x200F : 0x200E);
    return mark + text;
}

void Language::apply(Code code, bool remember)
{
    const bool firstTime = !m_installed;
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_appTranslator);
        QCoreApplication::removeTranslator(&m_qtTranslator);
    }
    const QString suffix = code == Persian ? u"fa"_s : u"en"_s;
    // Our strings, compiled into the program; Qt's own (dialog buttons, context
    // menus) from the Qt installation.
    if (m_appTranslator.load(u":/i18n/daftar_"_s + suffix)) {
        QCoreApplication::installTranslator(&m_appTranslator);
    }
    if (m_qtTranslator.load(
            u"qtbase_"_s + suffix, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&m_qtTranslator);
    }
    m_installed = true;

    const QLocale locale = localeFor(code);
    QLocale::setDefault(locale);
    QGuiApplication::setLayoutDirection(code == Persian ? Qt::RightToLeft : Qt::LeftToRight);
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance())) {
        for (QWidget *widget : app->topLevelWidgets()) {
            widget->setLocale(locale);
        }
    }
    if (remember) {
        QSettings().setValue(settingsKey, suffix);
    }
    const bool switched = firstTime || m_current != code;
    m_current = code;
    if (switched) {
        emit changed(code);
    }
}

} // namespace daftar::ui
