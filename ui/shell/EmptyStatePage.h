// A section that has nothing to show yet says so plainly: what will be here and
// why it is empty, instead of sample data.
#pragma once

#include <QWidget>

#include <functional>

class QLabel;

namespace daftar::ui {

class EmptyStatePage : public QWidget
{
    Q_OBJECT

public:
    struct Texts
    {
        QString title;
        QString explanation;
    };
    // `texts` is asked again on every language change, so it must call tr().
    EmptyStatePage(std::function<Texts()> texts, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    std::function<Texts()> m_texts;
    QLabel *m_title;
    QLabel *m_explanation;
};

} // namespace daftar::ui
