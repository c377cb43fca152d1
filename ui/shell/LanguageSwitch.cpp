#include "LanguageSwitch.h"

#include "Language.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace daftar::ui {

LanguageSwitch::LanguageSwitch(QWidget *parent)
    : QWidget(parent)
    , m_persian(new QToolButton(this))
    , m_english(new QToolButton(this))
{
    // Each language is named in its own language, so these two stay untranslated.
    m_persian->setText(u"فارسی"_s);
    m_english->setText(u"English"_s);
    m_persian->setObjectName(u"switchToPersian"_s);
    m_english->setObjectName(u"switchToEnglish"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_persian);
    layout->addWidget(new QLabel(u"|"_s, this));
    layout->addWidget(m_english);
    for (QToolButton *button : {m_persian, m_english}) {
        button->setAutoRaise(true);
        button->setCursor(Qt::PointingHandCursor);
    }
    connect(m_persian, &QToolButton::clicked, this,
        [] { Language::instance().apply(Language::Persian); });
    connect(m_english, &QToolButton::clicked, this,
        [] { Language::instance().apply(Language::English); });
    connect(&Language::instance(), &Language::changed, this, &LanguageSwitch::update);
    update();
}

void LanguageSwitch::update()
{
    const bool persian = Language::instance().current() == Language::Persian;
    // The current language is shown bold and cannot be chosen again.
    for (auto [button, active] :
        {std::pair {m_persian, persian}, std::pair {m_english, !persian}}) {
        QFont font = button->font();
        font.setBold(active);
        button->setFont(font);
        button->setEnabled(!active);
    }
}

} // namespace daftar::ui
