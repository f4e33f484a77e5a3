// linkloom-sandbox: serves the vendor simulators on 127.0.0.1 until SIGINT or SIGTERM.

#include "sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

/// Turns SIGINT and SIGTERM into a QCoreApplication::quit() on the event loop.
bool quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"linkloom-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LINKLOOM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serves simulated vendor APIs (Copper) on 127.0.0.1 for Linkloom's tests and demo."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on; 0 picks a free one."_s,
                                        u"N"_s, u"0"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Seed of the demo data."_s, u"N"_s, u"415"_s);
    parser.addOptions({portOption, seedOption});
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    bool seedOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const uint seed = parser.value(seedOption).toUInt(&seedOk);
    if (!portOk || port > 65535 || !seedOk) {
        err << "linkloom-sandbox: --port takes 0..65535 and --seed a non-negative integer\n";
        return 2;
    }

    SandboxServer server(nullptr, seed);
    if (server.start(quint16(port)) == 0) {
        err << "linkloom-sandbox: cannot listen on 127.0.0.1:" << port << '\n';
        return 1;
    }
    if (!quitOnSignals(app))
        err << "linkloom-sandbox: cannot handle SIGINT/SIGTERM; stop it with SIGKILL\n";

    QTextStream out(stdout);
    out << "linkloom-sandbox " << QCoreApplication::applicationVersion()
        << " on 127.0.0.1:" << server.port() << " (seed " << seed << ")\n"
        << "Copper CRM  " << server.baseUrl(Vendor::Copper).toString() << '\n'
        << "  X-PW-AccessToken: " << SandboxServer::CopperApiKey << '\n'
        << "  X-PW-Application: developer_api\n"
        << "  X-PW-UserEmail:   " << SandboxServer::CopperEmail << '\n'
        << "Stop with Ctrl+C." << Qt::endl;

    const int code = QCoreApplication::exec();
    out << "linkloom-sandbox: stopped" << Qt::endl;
    return code;
}
