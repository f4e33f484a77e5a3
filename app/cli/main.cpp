// linkloom-cli: the command line of Linkloom (see CommandLine).

#include "app/cli/commandline.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Linkloom"_s);
    QCoreApplication::setApplicationName(u"Linkloom"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LINKLOOM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    CommandLine cli(out, err);
    const int code = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
