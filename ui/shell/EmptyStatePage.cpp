#include "EmptyStatePage.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

EmptyStatePage::EmptyStatePage(std::function<Texts()> texts, QWidget *parent)
    : QWidget(parent)
    , m_texts(std::move(texts))
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
{
    m_title->setObjectName(u"pageTitle"_s);
    m_explanation->setObjectName(u"emptyState"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignCenter);
    m_explanation->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    // A word-wrapped label only gets the height its text needs when the layout
    // gives it a width; keep it in a row with stretches instead of aligning it.
    m_explanation->setMaximumWidth(560);
    m_explanation->setMinimumWidth(320);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_explanation, 4);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 24);
    layout->addWidget(m_title);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    retranslate();
}

void EmptyStatePage::retranslate()
{
    const Texts texts = m_texts();
    m_title->setText(u"<h2>%1</h2>"_s.arg(texts.title.toHtmlEscaped()));
    m_explanation->setText(texts.explanation);
}

void EmptyStatePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace daftar::ui
