// linkloom-sandbox: serves the vendor simulators on 127.0.0.1 until SIGINT or SIGTERM.

#include "sandbox/sandboxserver.h"
#include "sandbox/sandboxstate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <optional>
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
        u"Serves simulated vendor APIs (Copper, DevRev, pm415, Laserfiche) on 127.0.0.1 for "
        "Linkloom's tests and demo."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on; 0 picks a free one."_s,
                                        u"N"_s, u"0"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Seed of the demo data."_s, u"N"_s, u"415"_s);
    const QCommandLineOption scaleOption(
        u"scale"_s,
        u"0: the demo world (a few hundred records per vendor); N: about N generated records "
        "per vendor, for benchmarks."_s,
        u"N"_s, u"0"_s);
    const QCommandLineOption stateOption(
        u"state"_s,
        u"Keeps every vendor's data in FILE: restored from it at start if it exists (a file that "
        "is not a valid state refuses the start and is left alone), saved to it within 5 s "
        "of a change and on exit (SIGINT, SIGTERM)."_s,
        u"FILE"_s);
    const QCommandLineOption noRateLimitsOption(
        u"no-rate-limits"_s,
        u"Turns off the vendors' rate limits (Copper 180 requests a minute, DevRev 1000 in 5 "
        "minutes, Laserfiche 100 a minute), which are enforced by default as the live services "
        "do; for benchmarks."_s);
    const QCommandLineOption tlsCertificateOption(
        u"tls-certificate"_s,
        u"Serves HTTPS, as the live vendors do, with the PEM certificate in FILE (for "
        "benchmarks; clients must trust it). Needs --tls-key."_s,
        u"FILE"_s);
    const QCommandLineOption tlsKeyOption(
        u"tls-key"_s, u"The unencrypted PEM private key of --tls-certificate."_s, u"FILE"_s);
    parser.addOptions({portOption, seedOption, scaleOption, stateOption, noRateLimitsOption,
                       tlsCertificateOption, tlsKeyOption});
    const QCommandLineOption faultOption(
        u"fault"_s, u"Makes a vendor misbehave (repeatable; see Faults above)."_s, u"SPEC"_s);
    parser.addOption(faultOption);
    parser.setApplicationDescription(parser.applicationDescription() + u"\n\n"_s
                                     + SandboxFaults::specHelp());
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    bool seedOk = false;
    bool scaleOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const uint seed = parser.value(seedOption).toUInt(&seedOk);
    const int scale = parser.value(scaleOption).toInt(&scaleOk);
    if (!portOk || port > 65535 || !seedOk || !scaleOk || scale < 0 || scale > 10'000'000) {
        err << "linkloom-sandbox: --port takes 0..65535, --seed a non-negative integer and "
               "--scale 0..10000000\n";
        return 2;
    }

    SandboxServer server(nullptr, seed, scale);
    std::optional<SandboxStateFile> state;
    if (parser.isSet(stateOption)) {
        state.emplace(server, parser.value(stateOption));
        if (QString error; !state->load(&error)) {
            err << "linkloom-sandbox: cannot restore the state file " << error
                << "\nThe file was left unchanged; move it away or fix it.\n";
            return 1;
        }
    }
    if (parser.isSet(noRateLimitsOption))
        server.setRateLimitsEnabled(false);
    if (parser.isSet(tlsCertificateOption) != parser.isSet(tlsKeyOption)) {
        err << "linkloom-sandbox: --tls-certificate and --tls-key go together\n";
        return 2;
    }
    if (QString error; parser.isSet(tlsCertificateOption)
        && !server.setTls(parser.value(tlsCertificateOption), parser.value(tlsKeyOption), &error)) {
        err << "linkloom-sandbox: " << error << '\n';
        return 2;
    }
    if (server.start(quint16(port)) == 0) {
        err << "linkloom-sandbox: cannot listen on 127.0.0.1:" << port << '\n';
        return 1;
    }
    if (!quitOnSignals(app))
        err << "linkloom-sandbox: cannot handle SIGINT/SIGTERM; stop it with SIGKILL\n";

    for (const QString &spec : parser.values(faultOption)) {
        if (QString error; !server.addFault(spec, &error)) {
            err << "linkloom-sandbox: " << error << '\n';
            return 2;
        }
    }

    QTextStream out(stdout);
    out << "linkloom-sandbox " << QCoreApplication::applicationVersion()
        << " on 127.0.0.1:" << server.port() << " (seed " << seed << ", scale " << scale << ")\n"
        << "Copper CRM  " << server.baseUrl(Vendor::Copper).toString() << '\n'
        << "  X-PW-AccessToken: " << SandboxServer::CopperApiKey << '\n'
        << "  X-PW-Application: developer_api\n"
        << "  X-PW-UserEmail:   " << SandboxServer::CopperEmail << '\n'
        << "DevRev      " << server.baseUrl(Vendor::DevRev).toString() << '\n'
        << "  Authorization: Bearer " << SandboxServer::DevRevToken << '\n'
        << "pm415       " << server.baseUrl(Vendor::Pm415).toString() << '\n'
        << "  Authorization: Bearer " << SandboxServer::Pm415ApiKey << '\n'
        << "Laserfiche  " << server.baseUrl(Vendor::Laserfiche).toString() << '\n'
        << "  OAuth sign-in: " << server.laserficheSigninUrl().toString() << "  (client_id "
        << SandboxServer::LaserficheClientId << ", PKCE S256)\n"
        << (state ? u"State file: %1\n"_s.arg(state->path()) : QString())
        << (parser.isSet(noRateLimitsOption) ? "Rate limits: off\n" : "") << "Stop with Ctrl+C."
        << Qt::endl;

    for (const SandboxFault &fault : server.faults().rules())
        out << "Fault: " << fault.toString() << Qt::endl;

    QTimer autosave;
    if (state) {
        QObject::connect(&autosave, &QTimer::timeout, &app, [&state, &err] {
            if (QString error; state->saveIfChanged(&error) == SandboxStateFile::SaveResult::Failed)
                err << "linkloom-sandbox: cannot save the state: " << error << Qt::endl;
        });
        autosave.start(5000);
    }

    const int code = QCoreApplication::exec();
    if (QString error; state && !state->save(&error)) {
        err << "linkloom-sandbox: cannot save the state: " << error << '\n';
        return 1;
    }
    out << "linkloom-sandbox: stopped" << Qt::endl;
    return code;
}
