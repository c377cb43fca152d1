#include "AboutDialog.h"

#include "text/PersianText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Daftar"));
    auto *text = new QLabel(this);
    text->setObjectName(u"aboutText"_s);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setText(u"<h2>%1</h2><p>%2</p><p>%3</p><p>%4</p>"_s.arg(
        tr("Daftar %1")
            .arg(locale().language() == QLocale::Persian
                    ? text::toPersianDigits(QStringLiteral(DAFTAR_VERSION))
                    : QStringLiteral(DAFTAR_VERSION))
            .toHtmlEscaped(),
        tr("The desktop of the secretariat: news and announcements, the member bank, the "
           "provincial branches, and publishing to the public site.")
            .toHtmlEscaped(),
        tr("Built with Qt %1, ICU, SQLite, PostgreSQL and libsodium.")
            .arg(QString::fromLatin1(qVersion()))
            .toHtmlEscaped(),
        tr("Font: Vazirmatn by Saber Rastikerdar, under the SIL Open Font License 1.1.")
            .toHtmlEscaped()));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

} // namespace daftar::ui
