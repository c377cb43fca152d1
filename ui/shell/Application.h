// Starting the desktop program: fonts, language, the database, first run or login,
// then the main window.
#pragma once

namespace daftar::ui {

// Loads the bundled fonts and applies the saved language (Persian by default).
void setUpAppearance();

int runApplication(int &argc, char **argv);

} // namespace daftar::ui
