// Benchmark of a full account sync over loopback, against its transfer floor:
//   1. starts linkloom-sandbox as a separate process, rate limits off, with a --scale that
//      gives at least --links links (default 100,000) to the chosen vendor's account;
//   2. syncs that account into a fresh workspace with AccountSync through the real connector
//      (client pacing off), recording every request it sends (method, URL, headers, body);
//   3. sends the same requests with plain curl (one process, a config file listing them all,
//      answers to /dev/null), 4 at a time as the sync reads links: the transfer floor; then
//      through a bare NetworkManager, 4 at a time (what Qt's HTTP stack costs by itself, without
//      jobs, connectors, parsing or the workspace); then with curl one at a time;
//   4. prints the figures and the ratio of the sync's time to each of those.
// Times are wall-clock; CPU times (this process, by thread, curl, the sandbox) are printed too,
// as they are the steadier figures on a shared machine. The sync's time includes the recording
// of its requests (a few percent). It prints figures; it does not pass or fail on timing.
// Build it in Release.
//
// Vendors: pm415 (default) has no rate limit and no client pacing, neither live nor in the
// sandbox: its sync is bounded by transfer as it is. DevRev allows 1000 requests in 5 minutes
// (its client pauses on X-Ratelimit-*): live, a sync of this size would take hours of waiting;
// here the sandbox's limits are off (--no-rate-limits), so it measures the same code path
// without the wait. Copper (180 requests a minute) and Laserfiche (100 a minute, OAuth) would
// measure their limits.
//
// --tls serves the sandbox over HTTPS, as the live vendors are, with a certificate made for the
// run by the openssl command and trusted by this process and curl only. Over plain HTTP without
// a proxy, Qt 6.4 reads from an unbuffered socket and takes each byte of an answer's header
// with a read() call of its own (qhttpnetworkconnectionchannel.cpp, QHttpNetworkReplyPrivate::
// readHeader): on loopback that, not Linkloom, dominates; TLS sockets are buffered.
//
// Usage: bench_sync [--vendor pm415|devrev] [--links N] [--tls] [--no-sequential]
//                   [--sandbox PATH] [--keep DIR]

#include "connectors/connector.h"
#include "connectors/connectorfactory.h"
#include "connectors/networkmanager.h"
#include "connectors/sync/accountsync.h"
#include "models/linkrepository.h"
#include "sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMap>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// One vendor the bench can sync: what the sandbox prints for it and how its link reads look.
struct VendorSpec
{
    Vendor vendor;
    QString label; ///< the name linkloom-sandbox prints before the base URL
    const char *secret;
    /// Links per generated record (--scale unit), measured from the sandbox's world.
    double linksPerRecord;
    /// A path fragment of the requests that read links (the rest list records and types).
    QString linkReadPath;
    QString why;
};

const VendorSpec &vendorSpec(Vendor vendor)
{
    static const VendorSpec pm415{
        Vendor::Pm415,
        u"pm415"_s,
        SandboxServer::Pm415ApiKey,
        0.72,
        u"/connections/"_s,
        u"no rate limit live or in the sandbox, no client pacing: bounded by transfer"_s};
    static const VendorSpec devRev{
        Vendor::DevRev,
        u"DevRev"_s,
        SandboxServer::DevRevToken,
        0.83,
        u"links.list"_s,
        u"live limit 1000 requests / 5 min (client pauses on X-Ratelimit-*); sandbox limits "
        "off here"_s};
    return vendor == Vendor::DevRev ? devRev : pm415;
}

/// CPU time (user + system) of this process, of its waited-for children, or of another process.
qint64 ownCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 childrenCpuNs()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto ns = [](const timeval &tv) {
        return qint64(tv.tv_sec) * 1'000'000'000 + qint64(tv.tv_usec) * 1000;
    };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

qint64 processCpuNs(qint64 pid, bool ownThread = false)
{
    QFile stat(ownThread ? u"/proc/self/task/%1/stat"_s.arg(pid) : u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * (1'000'000'000 / sysconf(_SC_CLK_TCK));
}

/// CPU time of each thread of this process by name ("bench_sync", "QNetworkAccessM", ...).
QMap<QString, qint64> threadCpuNs()
{
    QMap<QString, qint64> byName;
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + u"/comm"_s));
        if (!comm.open(QIODevice::ReadOnly))
            continue;
        const QString name = QString::fromUtf8(comm.readAll().trimmed());
        if (const qint64 ns = processCpuNs(task.toLongLong(), true); ns >= 0)
            byName[name] += ns;
    }
    return byName;
}

/// Peak resident set size (VmHWM) of this process, in bytes.
qint64 peakResidentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) { // /proc files have no size
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

QString seconds(qint64 ns)
{
    return QString::number(double(ns) / 1e9, 'f', 2) + u" s"_s;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MiB"_s;
}

QString perSecond(qint64 count, qint64 ns)
{
    return ns > 0 ? QString::number(qint64(double(count) / (double(ns) / 1e9))) : u"-"_s;
}

/// A string as curl's config file quotes it.
QByteArray curlQuoted(const QByteArray &value)
{
    QByteArray quoted = "\"";
    for (const char c : value) {
        switch (c) {
        case '"':
            quoted += "\\\"";
            break;
        case '\\':
            quoted += "\\\\";
            break;
        case '\n':
            quoted += "\\n";
            break;
        case '\r':
            quoted += "\\r";
            break;
        case '\t':
            quoted += "\\t";
            break;
        default:
            quoted += c;
        }
    }
    return quoted + '"';
}

/// Every request the sync sends, written as it goes to a curl config file (so the log costs
/// no memory): plain GETs with the first request's headers as URLs of one curl operation,
/// anything else (another verb, a body, other headers) as an operation of its own.
class RequestLog
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    explicit RequestLog(const QString &configPath, QString linkReadPath, QString caFile)
        : m_file(configPath)
        , m_linkReadPath(std::move(linkReadPath))
        , m_caFile(std::move(caFile))
    {
        m_clock.start();
    }

    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate); }

    void add(const QByteArray &verb, const QUrl &url, const Headers &headers,
             const QByteArray &body)
    {
        ++m_requests;
        if (m_linkReads == 0 && url.path().contains(m_linkReadPath))
            m_firstLinkReadNs = m_clock.nsecsElapsed();
        if (url.path().contains(m_linkReadPath))
            ++m_linkReads;
        if (m_requests == 1)
            m_headers = headers;
        const QByteArray encoded = url.toEncoded();
        if (verb == "GET" && body.isEmpty() && headers == m_headers) {
            m_file.write("url = " + curlQuoted(encoded) + "\noutput = \"/dev/null\"\n");
            return;
        }
        QByteArray block = "next\nurl = " + curlQuoted(encoded)
            + "\noutput = \"/dev/null\"\nrequest = " + verb + '\n' + writeOut();
        for (const auto &[name, value] : headers)
            block += "header = " + curlQuoted(name + ": " + value) + '\n';
        if (!body.isEmpty())
            block += "data-binary = " + curlQuoted(body) + '\n';
        m_others.append(block);
    }

    void addReceived(qint64 bytes) { m_received += qMax<qint64>(0, bytes); }

    /// Restarts the clock that firstLinkReadNs() is measured on.
    void restartClock() { m_clock.restart(); }

    /// Writes the options of the plain GETs and the other operations; closes the file.
    bool finish()
    {
        QByteArray options = "globoff\nnoproxy = \"*\"\n" + writeOut();
        if (!m_caFile.isEmpty())
            options += "cacert = " + curlQuoted(QFile::encodeName(m_caFile)) + '\n';
        for (const auto &[name, value] : std::as_const(m_headers))
            options += "header = " + curlQuoted(name + ": " + value) + '\n';
        m_file.write(options);
        for (const QByteArray &block : std::as_const(m_others))
            m_file.write(block);
        m_file.close();
        return m_file.error() == QFileDevice::NoError;
    }

    qint64 requests() const { return m_requests; }
    qint64 linkReads() const { return m_linkReads; }
    qint64 otherOperations() const { return m_others.size(); }
    qint64 received() const { return m_received; }
    qint64 firstLinkReadNs() const { return m_firstLinkReadNs; }
    QString path() const { return m_file.fileName(); }

private:
    static QByteArray writeOut() { return "write-out = \"%{http_code} %{size_download}\\n\"\n"; }

    QFile m_file;
    QString m_linkReadPath;
    QString m_caFile;
    QElapsedTimer m_clock;
    Headers m_headers;
    QList<QByteArray> m_others;
    qint64 m_requests = 0;
    qint64 m_linkReads = 0;
    qint64 m_received = 0;
    qint64 m_firstLinkReadNs = -1;
};

/// The application's NetworkManager, with every request noted in a RequestLog.
class RecordingNetworkManager : public NetworkManager
{
public:
    explicit RecordingNetworkManager(RequestLog *log)
        : m_log(log)
    { }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        const QByteArray verb = verbOf(op, request);
        RequestLog::Headers headers;
        for (const QByteArray &name : request.rawHeaderList())
            headers.append({name, request.rawHeader(name)});
        // QNetworkAccessManager hands bodies given as bytes over in a QBuffer: peek reads it all.
        const QByteArray body
            = outgoingData ? outgoingData->peek(outgoingData->bytesAvailable()) : QByteArray();
        m_log->add(verb, request.url(), headers, body);
        QNetworkReply *reply = NetworkManager::createRequest(op, request, outgoingData);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            m_log->addReceived(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
        });
        return reply;
    }

private:
    RequestLog *m_log;
};

/// linkloom-sandbox in a process of its own, stopped (SIGTERM) when this goes.
class SandboxProcess
{
public:
    ~SandboxProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10'000))
                m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    /// Starts it and waits until it printed its addresses; `label`'s base URL is then known.
    bool start(const QString &program, const QStringList &arguments, const QString &label)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, arguments);
        if (!m_process.waitForStarted(10'000)) {
            err() << "bench_sync: cannot start " << program << ": " << m_process.errorString()
                  << Qt::endl;
            return false;
        }
        QByteArray printed;
        QElapsedTimer waiting;
        waiting.start();
        while (!printed.contains("Stop with")) {
            if (m_process.state() == QProcess::NotRunning || waiting.elapsed() > 600'000) {
                err() << "bench_sync: the sandbox did not start:\n"
                      << QString::fromUtf8(printed + m_process.readAll()) << Qt::endl;
                return false;
            }
            m_process.waitForReadyRead(1000);
            printed += m_process.readAll();
        }
        for (const QByteArray &line : printed.split('\n')) {
            const QList<QByteArray> words = line.simplified().split(' ');
            if (words.size() == 2 && QString::fromUtf8(words.at(0)) == label)
                m_baseUrl = QUrl::fromEncoded(words.at(1));
        }
        if (!m_baseUrl.isValid()) {
            err() << "bench_sync: the sandbox printed no address for " << label << Qt::endl;
            return false;
        }
        return true;
    }

    QUrl baseUrl() const { return m_baseUrl; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QUrl m_baseUrl;
};

struct FloorRun
{
    qint64 wallNs = 0;
    qint64 cpuNs = 0;
    qint64 sandboxCpuNs = 0;
    qint64 transfers = 0;
    qint64 failed = 0; ///< transfers whose status was not 2xx
    qint64 bytes = 0;
    bool ok = false;
};

FloorRun runCurl(const QString &config, bool parallel, qint64 sandboxPid)
{
    QStringList arguments{u"--no-progress-meter"_s};
    if (parallel)
        arguments << u"--parallel"_s << u"--parallel-immediate"_s << u"--parallel-max"_s
                  << QString::number(AccountSync::Parallel);
    arguments << u"--config"_s << config;
    QProcess curl;
    FloorRun run;
    const qint64 childrenBefore = childrenCpuNs();
    const qint64 sandboxBefore = processCpuNs(sandboxPid);
    QElapsedTimer timer;
    timer.start();
    curl.start(u"curl"_s, arguments);
    if (!curl.waitForFinished(-1) || curl.exitStatus() != QProcess::NormalExit) {
        err() << "bench_sync: curl failed: " << curl.errorString() << Qt::endl;
        return run;
    }
    run.wallNs = timer.nsecsElapsed();
    run.cpuNs = childrenCpuNs() - childrenBefore;
    run.sandboxCpuNs = processCpuNs(sandboxPid) - sandboxBefore;
    for (const QByteArray &line : curl.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 2)
            continue;
        ++run.transfers;
        const int status = fields.at(0).toInt();
        if (status < 200 || status > 299)
            ++run.failed;
        run.bytes += fields.at(1).toLongLong();
    }
    const QByteArray errors = curl.readAllStandardError().trimmed();
    if (!errors.isEmpty())
        err() << "curl: " << QString::fromUtf8(errors.left(2000)) << Qt::endl;
    run.ok = curl.exitCode() == 0;
    return run;
}

/// The text of a curl config string (curlQuoted() undone).
QByteArray curlUnquoted(QByteArrayView quoted)
{
    QByteArray value;
    for (qsizetype i = 1; i + 1 < quoted.size(); ++i) {
        char c = quoted.at(i);
        if (c == '\\' && i + 2 < quoted.size()) {
            c = quoted.at(++i);
            c = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        }
        value += c;
    }
    return value;
}

/// The plain GETs of the curl config sent again through a bare NetworkManager (no jobs, no
/// connector, no parsing, no workspace), AccountSync::Parallel at a time: what Qt's HTTP stack
/// costs by itself.
FloorRun runQt(const QString &config, qint64 sandboxPid)
{
    FloorRun run;
    QFile file(config);
    if (!file.open(QIODevice::ReadOnly))
        return run;
    QList<QByteArray> urls;
    QList<std::pair<QByteArray, QByteArray>> headers;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line == "next")
            break; // the other operations are not plain GETs
        if (line.startsWith("url = "))
            urls.append(curlUnquoted(QByteArrayView(line).sliced(6)));
        if (line.startsWith("header = ")) {
            const QByteArray header = curlUnquoted(QByteArrayView(line).sliced(9));
            const qsizetype colon = header.indexOf(':');
            headers.append({header.left(colon), header.mid(colon + 1).trimmed()});
        }
    }
    NetworkManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QEventLoop loop;
    qsizetype next = 0;
    int running = 0;
    std::function<void()> pump = [&] {
        while (running < AccountSync::Parallel && next < urls.size()) {
            QNetworkRequest request(QUrl::fromEncoded(urls.at(next++)));
            for (const auto &[name, value] : std::as_const(headers))
                request.setRawHeader(name, value);
            QNetworkReply *reply = network.get(request);
            ++running;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                ++run.transfers;
                run.bytes += reply->readAll().size();
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status < 200 || status > 299)
                    ++run.failed;
                reply->deleteLater();
                --running;
                if (running == 0 && next == urls.size())
                    loop.quit();
                else
                    pump();
            });
        }
    };
    const qint64 cpuBefore = ownCpuNs();
    const qint64 sandboxBefore = processCpuNs(sandboxPid);
    QElapsedTimer timer;
    timer.start();
    pump();
    if (running > 0)
        loop.exec();
    run.wallNs = timer.nsecsElapsed();
    run.cpuNs = ownCpuNs() - cpuBefore;
    run.sandboxCpuNs = processCpuNs(sandboxPid) - sandboxBefore;
    run.ok = true;
    return run;
}

void printFloor(const QString &label, const FloorRun &run, qint64 syncNs, qint64 links)
{
    out() << label << seconds(run.wallNs) << " (cpu " << seconds(run.cpuNs) << ", sandbox cpu "
          << seconds(run.sandboxCpuNs) << "), " << run.transfers << " transfers, "
          << megabytes(run.bytes) << ", " << perSecond(links, run.wallNs) << " links/s"
          << (run.failed ? u", %1 not 2xx"_s.arg(run.failed) : QString())
          << (run.ok ? QString() : u", it exited with an error"_s) << Qt::endl;
    out() << "  ratio sync / this:  "
          << QString::number(double(syncNs) / double(run.wallNs), 'f', 2) << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Syncs an account of linkloom-sandbox over loopback and sends the same requests with "
        "curl; prints the times and their ratio."_s);
    parser.addHelpOption();
    const QCommandLineOption vendorOption(u"vendor"_s, u"pm415 (default) or devrev."_s, u"VENDOR"_s,
                                          u"pm415"_s);
    const QCommandLineOption linksOption(u"links"_s, u"About how many links (default 100000)."_s,
                                         u"N"_s, u"100000"_s);
    const QCommandLineOption noSequentialOption(u"no-sequential"_s,
                                                u"Skips curl's one-at-a-time run."_s);
    const QCommandLineOption sandboxOption(u"sandbox"_s, u"The linkloom-sandbox to start."_s,
                                           u"PATH"_s, QStringLiteral(LINKLOOM_SANDBOX_PATH));
    const QCommandLineOption keepOption(
        u"keep"_s, u"Keeps the workspace and the curl config in DIR (made if needed)."_s, u"DIR"_s);
    const QCommandLineOption tlsOption(
        u"tls"_s, u"Serves the sandbox over HTTPS with a certificate made for the run."_s);
    parser.addOptions(
        {vendorOption, linksOption, noSequentialOption, sandboxOption, keepOption, tlsOption});
    parser.process(app);

    const auto vendor = vendorFromId(parser.value(vendorOption));
    bool linksOk = false;
    const int wantedLinks = parser.value(linksOption).toInt(&linksOk);
    if (!vendor || (*vendor != Vendor::Pm415 && *vendor != Vendor::DevRev) || !linksOk
        || wantedLinks < 100 || wantedLinks > 5'000'000) {
        err() << "bench_sync: --vendor takes pm415 or devrev, --links 100..5000000" << Qt::endl;
        return 2;
    }
    const VendorSpec &spec = vendorSpec(*vendor);
    // A little more than needed: the sandbox's proportions are random.
    const int scale = int(std::ceil(wantedLinks / spec.linksPerRecord * 1.02));

    QTemporaryDir temporary;
    QString dir = temporary.path();
    if (parser.isSet(keepOption)) {
        dir = parser.value(keepOption);
        QDir().mkpath(dir);
    }
    const QString workspace = QDir(dir).filePath(u"bench-sync.linkloom"_s);
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(workspace + suffix);

    QStringList sandboxArguments{u"--port"_s, u"0"_s, u"--scale"_s, QString::number(scale),
                                 u"--no-rate-limits"_s};
    QString caFile;
    if (parser.isSet(tlsOption)) {
        caFile = QDir(dir).filePath(u"sandbox-certificate.pem"_s);
        const QString keyFile = QDir(dir).filePath(u"sandbox-key.pem"_s);
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                       u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s,
                       u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                       u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, keyFile, u"-out"_s, caFile});
        if (!openssl.waitForFinished(60'000) || openssl.exitCode() != 0) {
            err() << "bench_sync: openssl could not make a certificate: " << openssl.errorString()
                  << ' ' << QString::fromUtf8(openssl.readAll()) << Qt::endl;
            return 1;
        }
        sandboxArguments << u"--tls-certificate"_s << caFile << u"--tls-key"_s << keyFile;
        // Trusted by this process only, beside the system's authorities; nothing is turned off.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(caFile, QSsl::Pem);
        QSslConfiguration::setDefaultConfiguration(tls);
    }

    out() << "vendor:               " << vendorId(spec.vendor) << " (" << spec.why << ')'
          << Qt::endl;
    out() << "transport:            "
          << (caFile.isEmpty() ? u"plain HTTP on loopback"_s : u"HTTPS (TLS) on loopback"_s)
          << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    SandboxProcess sandbox;
    if (!sandbox.start(parser.value(sandboxOption), sandboxArguments, spec.label)) {
        return 1;
    }
    out() << "sandbox:              --scale " << scale << ", ready in "
          << seconds(timer.nsecsElapsed()) << " (pid " << sandbox.pid() << ')' << Qt::endl;

    RequestLog log(QDir(dir).filePath(u"curl.config"_s), spec.linkReadPath, caFile);
    if (!log.open()) {
        err() << "bench_sync: cannot write " << log.path() << Qt::endl;
        return 1;
    }
    RecordingNetworkManager network(&log);
    network.setProxy(QNetworkProxy::NoProxy);

    AccountConfig account;
    account.vendor = spec.vendor;
    account.id = u"bench"_s;
    account.displayName = u"Bench"_s;
    account.baseUrl = sandbox.baseUrl();
    QString problem;
    std::unique_ptr<Connector> connector(
        makeConnector(account, QString::fromLatin1(spec.secret), &network, &problem));
    if (!connector) {
        err() << "bench_sync: " << problem << Qt::endl;
        return 1;
    }
    connector->client()->setRequestRate(0, 0); // no pacing: the sandbox's limits are off too

    LinkRepository repository;
    if (const Result opened = repository.open(workspace); !opened) {
        err() << "bench_sync: " << opened.message() << ' ' << opened.details() << Qt::endl;
        return 1;
    }

    AccountSync sync(connector.get(), &repository);
    QEventLoop loop;
    QObject::connect(&sync, &AccountSync::finished, &loop, &QEventLoop::quit);
    qsizetype done = 0;
    qsizetype total = 0;
    QObject::connect(&sync, &AccountSync::progress, &loop,
                     [&done, &total](qsizetype d, qsizetype t, const QString &) {
                         done = d;
                         total = t;
                     });
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&done, &total, &log] {
        err() << "  ... " << done << " of " << total << " steps, " << log.requests() << " requests"
              << Qt::endl;
    });
    ticker.start(10'000);

    const qint64 sandboxBefore = processCpuNs(sandbox.pid());
    const qint64 cpuBefore = ownCpuNs();
    const QMap<QString, qint64> threadsBefore = threadCpuNs();
    log.restartClock();
    timer.restart();
    sync.start();
    loop.exec();
    const qint64 syncNs = timer.nsecsElapsed();
    const qint64 cpuNs = ownCpuNs() - cpuBefore;
    const qint64 sandboxCpuNs = processCpuNs(sandbox.pid()) - sandboxBefore;
    const QMap<QString, qint64> threadsAfter = threadCpuNs();
    ticker.stop();

    if (!sync.result()) {
        err() << "bench_sync: the sync failed: " << sync.result().message() << Qt::endl;
        return 1;
    }
    const qint64 links = sync.linkCount();
    out() << "sync:                 " << seconds(syncNs) << " (cpu " << seconds(cpuNs)
          << ", sandbox cpu " << seconds(sandboxCpuNs) << ')' << Qt::endl;
    out() << "  cpu by thread:     ";
    for (auto it = threadsAfter.cbegin(); it != threadsAfter.cend(); ++it) {
        const qint64 ns = it.value() - threadsBefore.value(it.key());
        if (ns >= 10'000'000)
            out() << ' ' << it.key() << ' ' << seconds(ns);
    }
    out() << Qt::endl;
    out() << "  records:            " << sync.recordCount() << Qt::endl;
    out() << "  links:              " << links << " (" << repository.linkCount()
          << " in the workspace)" << Qt::endl;
    out() << "  requests:           " << log.requests() << " (" << log.linkReads()
          << " reading links), " << megabytes(log.received()) << " received, "
          << perSecond(log.requests(), syncNs) << " requests/s" << Qt::endl;
    if (log.firstLinkReadNs() >= 0) {
        out() << "  phases:             types and records " << seconds(log.firstLinkReadNs())
              << ", links " << seconds(syncNs - log.firstLinkReadNs()) << Qt::endl;
    }
    out() << "  links/s:            " << perSecond(links, syncNs) << Qt::endl;
    out() << "  peak RSS (VmHWM):   " << megabytes(peakResidentBytes()) << Qt::endl;
    if (links < wantedLinks)
        out() << "  (fewer links than --links " << wantedLinks << ')' << Qt::endl;
    out().flush();

    connector.reset();
    repository.close();
    if (!log.finish()) {
        err() << "bench_sync: cannot write " << log.path() << Qt::endl;
        return 1;
    }
    if (log.otherOperations() > 0)
        out() << "  (" << log.otherOperations() << " requests are not plain GETs)" << Qt::endl;

    const FloorRun parallel = runCurl(log.path(), true, sandbox.pid());
    printFloor(u"curl, %1 in parallel:  "_s.arg(AccountSync::Parallel), parallel, syncNs, links);
    out().flush();
    const FloorRun qt = runQt(log.path(), sandbox.pid());
    printFloor(u"Qt alone, %1 at a time: "_s.arg(AccountSync::Parallel), qt, syncNs, links);
    out().flush();
    if (!parser.isSet(noSequentialOption)) {
        const FloorRun sequential = runCurl(log.path(), false, sandbox.pid());
        printFloor(u"curl, one at a time:  "_s, sequential, syncNs, links);
    }
    return 0;
}
