// Help > About: version, what Daftar is, the libraries and the bundled font's licence.
#pragma once

#include <QDialog>

namespace daftar::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace daftar::ui
