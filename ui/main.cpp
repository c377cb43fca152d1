#include "shell/Application.h"

int main(int argc, char *argv[])
{
    return daftar::ui::runApplication(argc, argv);
}
