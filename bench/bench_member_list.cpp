// Opening the member list on a large bank: time until the first rows are on
// screen and how much the process grows; then each keystroke of a search
// (count and first rows, painted), without and with a province chosen. Run it on a database made by
// bench_members (its work folder keeps daftar.sqlite):
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_member_list /tmp/bm1m/daftar.sqlite
#include "accounts/Actor.h"
#include "members/MembersPage.h"
#include "shell/Application.h"
#include "storage/Database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QTableView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

// Resident memory in MiB, from the kernel's own account of the process.
double residentMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_member_list DATABASE\n");
        return 2;
    }
    ui::setUpAppearance();
    auto db = storage::Database::open(
        storage::DatabaseLocation::parse(QString::fromLocal8Bit(argv[1])).value());
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    accounts::User user;
    user.id = 1;
    user.displayName = u"bench"_s;
    user.role = accounts::Role::Administrator;
    ui::Session session {**db, user};
    const double before = residentMiB();
    QElapsedTimer timer;
    timer.start();
    ui::MembersPage page(session);
    page.resize(1200, 800);
    page.show();
    auto *table = page.findChild<QTableView *>(u"memberTable"_s);
    while (!table || table->model()->rowCount() == 0
        || table->model()->data(table->model()->index(0, 1)).toString().isEmpty()) {
        QApplication::processEvents();
        if (timer.elapsed() > 30000) {
            std::fprintf(stderr, "no rows after 30 s\n");
            return 1;
        }
    }
    page.grab(); // the rows painted
    const double shown = double(timer.nsecsElapsed()) / 1e6;
    std::printf(
        "member list on %lld members: first rows shown after %.0f ms; the process grew by %.1f MiB "
        "(targets: < 1000 ms, < 100 MB)\n",
        static_cast<long long>(table->model()->rowCount()), shown, residentMiB() - before);
    table->scrollToBottom();
    timer.restart();
    page.grab();
    std::printf("jump to the last row: %.0f ms; grown by %.1f MiB in all\n",
        double(timer.nsecsElapsed()) / 1e6, residentMiB() - before);

    auto *search = page.findChild<QLineEdit *>(u"memberSearch"_s);
    auto *provinces = page.findChild<QComboBox *>(u"provinceFilter"_s);
    const auto type = [&](const QString &typed) {
        search->setText(typed);
        timer.restart();
        emit search->returnPressed(); // as Enter: no typing pause
        page.grab();
        std::printf("  %-6s %9lld shown after %5.0f ms\n", qPrintable(typed),
            static_cast<long long>(table->model()->rowCount()),
            double(timer.nsecsElapsed()) / 1e6);
    };
    std::printf("typing in the search box (matches counted and first rows painted):\n");
    for (const QString &typed : {u"م"_s, u"مح"_s, u"محم"_s, u"محمد"_s, u"محمد ر"_s, u"ن"_s}) {
        type(typed);
    }
    const int tehran = provinces->findData(u"IR-23"_s);
    if (tehran >= 0) {
        search->clear();
        provinces->setCurrentIndex(tehran);
        std::printf("the same in one province (%s):\n", qPrintable(provinces->currentText()));
        for (const QString &typed : {u"م"_s, u"مح"_s, u"محم"_s}) {
            type(typed);
        }
    }
    return 0;
}
