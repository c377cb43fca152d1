// The UI language, switched at run time like the site's "فارسی | English": installs
// the translators, mirrors the layout, sets the locale (digits, dates) and
// remembers the choice. Widgets follow through QEvent::LanguageChange and
// QEvent::LocaleChange; nothing needs a restart.
#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>

namespace daftar::ui {

class Language : public QObject
{
    Q_OBJECT

public:
    enum Code { Persian, English };
    Q_ENUM(Code)

    static Language &instance();

    // The saved choice, Persian when none was made.
    static Code saved();

    Code current() const { return m_current; }
    QLocale locale() const;
    static QLocale localeFor(Code code);

    // Starts `text` with a direction mark of the UI's direction, so that a line
    // that begins with a name in the other script (a Persian name in the English
    // UI) still reads in the UI's direction.
    static QString inUiDirection(const QString &text);

    // Applies the language to the whole application; `remember` saves it.
    void apply(Code code, bool remember = true);

signals:
    void changed(daftar::ui::Language::Code code);

private:
    Language() = default;

    Code m_current = Persian;
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    bool m_installed = false;
};

} // namespace daftar::ui
