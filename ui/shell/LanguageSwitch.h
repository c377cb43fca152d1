// "فارسی | English", as on the public site's header: switches the whole UI.
#pragma once

#include <QWidget>

class QToolButton;

namespace daftar::ui {

class LanguageSwitch : public QWidget
{
    Q_OBJECT

public:
    explicit LanguageSwitch(QWidget *parent = nullptr);

private:
    void update();

    QToolButton *m_persian;
    QToolButton *m_english;
};

} // namespace daftar::ui
