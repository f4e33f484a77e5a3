// Benchmark of LinkRepository with a fixed, deterministic workload:
//   100,000 records (2 accounts x 3 types) and 300,000 links upserted in batches of 10,000,
//   close, reopen (in a fresh process, so resident memory is measured from a clean heap),
//   then the neighbours of 10,000 records.
// It prints figures; it does not pass or fail. Build it in Release.
//
// Usage: bench_repository [--keep <file>]      run everything (a temporary file by default)
//        bench_repository --reopen <file>      only the reopen phase (used by the first form)

#include "models/linkrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTextStream>

#include <time.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;

namespace {

constexpr int RecordTotal = 100'000;
constexpr int LinkTotal = 300'000;
constexpr int BatchSize = 10'000;
constexpr int NeighbourQueries = 10'000;
constexpr int TypesPerAccount = 3;
constexpr int RecordsPerType = RecordTotal / (2 * TypesPerAccount) + 1;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/// Resident set size in bytes, from /proc/self/statm.
qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = statm.readAll().split(' ');
    if (parts.size() < 2)
        return -1;
    return parts.at(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

/// Heap bytes in use (glibc), to tell live data from allocator slack; -1 elsewhere.
qint64 heapInUse()
{
#if defined(__GLIBC__)
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

/// Wall-clock and CPU time (user + system of the whole process) of a phase. On a machine
/// shared with other work the CPU time is the steadier figure.
class PhaseTimer
{
public:
    PhaseTimer() { restart(); }
    void restart()
    {
        m_wall.start();
        m_cpu = cpuNs();
    }
    qint64 wallNs() const { return m_wall.nsecsElapsed(); }
    qint64 cpuElapsedNs() const { return cpuNs() - m_cpu; }
    QString text() const
    {
        return u"%1 ms (cpu %2 ms)"_s.arg(double(wallNs()) / 1e6, 0, 'f', 1)
            .arg(double(cpuElapsedNs()) / 1e6, 0, 'f', 1);
    }

private:
    static qint64 cpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }
    QElapsedTimer m_wall;
    qint64 m_cpu = 0;
};

QString perSecond(qint64 count, qint64 ns)
{
    return QString::number(qint64(double(count) / (double(ns) / 1e9)));
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MiB"_s;
}

/// xorshift64*: the same numbers on every run and platform.
class Random
{
public:
    quint32 below(quint32 n)
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return quint32(((m_state * 0x2545F4914F6CDD1DULL) >> 32) % n);
    }

private:
    quint64 m_state = 0x9E3779B97F4A7C15ULL;
};

struct AccountSpec
{
    Vendor vendor;
    QString account;
    QStringList types;
};

const QList<AccountSpec> &accounts()
{
    static const QList<AccountSpec> specs = {
        {Vendor::Copper, u"acme-crm"_s, {u"person"_s, u"company"_s, u"opportunity"_s}},
        {Vendor::DevRev, u"acme-dev"_s, {u"issue"_s, u"ticket"_s, u"enhancement"_s}},
    };
    return specs;
}

/// The vendor's id of the n-th record of a type: Copper integers, DevRev object ids.
QString recordId(const AccountSpec &spec, const QString &type, int n)
{
    if (spec.vendor == Vendor::Copper)
        return QString::number(140'000'000 + n * 7);
    return u"don:core:dvrv-us-1:devo/7Hx2Qa:%1/%2"_s.arg(type).arg(n + 1);
}

Record makeRecord(const AccountSpec &spec, const QString &type, int n)
{
    Record r;
    r.key = RecordKey{spec.vendor, spec.account, type, recordId(spec, type, n)};
    if (spec.vendor == Vendor::Copper) {
        r.title = u"%1 %2 Smith-Jones"_s.arg(type.at(0).toUpper()).arg(n);
        r.fields.insert(u"E-mail"_s, u"contact%1@example.com"_s.arg(n));
        r.fields.insert(u"Company"_s, u"Company %1 Ltd"_s.arg(n % 997));
        r.fields.insert(u"Phone"_s, u"+1 555 %1"_s.arg(n % 10'000, 4, 10, QChar(u'0')));
        r.webUrl
            = QUrl(u"https://app.copper.com/companies/123456/app#/%1/%2"_s.arg(type).arg(r.key.id));
    } else {
        r.title = u"Sync fails when the %1 #%2 has an attachment"_s.arg(type).arg(n);
        r.fields.insert(u"Stage"_s, n % 3 ? u"triage"_s : u"in_development"_s);
        r.fields.insert(u"Priority"_s, u"P%1"_s.arg(n % 4));
        r.fields.insert(u"Owner"_s, u"Dev User %1"_s.arg(n % 50));
        r.webUrl = QUrl(
            u"https://app.devrev.ai/acme/works/%1-%2"_s.arg(type.left(3).toUpper()).arg(n + 1));
    }
    return r;
}

struct Workload
{
    QList<QList<Record>> recordBatches;
    QList<QList<Link>> linkBatches;
};

Workload makeWorkload()
{
    Workload w;
    QList<Record> batch;
    QList<QList<RecordKey>> keysByAccount(accounts().size());
    int made = 0;
    for (int n = 0; n < RecordsPerType && made < RecordTotal; ++n) {
        for (qsizetype a = 0; a < accounts().size(); ++a) {
            const AccountSpec &spec = accounts().at(a);
            for (const QString &type : spec.types) {
                if (made == RecordTotal)
                    break;
                batch.append(makeRecord(spec, type, n));
                keysByAccount[a].append(batch.last().key);
                ++made;
                if (batch.size() == BatchSize)
                    w.recordBatches.append(std::exchange(batch, {}));
            }
        }
    }
    if (!batch.isEmpty())
        w.recordBatches.append(batch);

    Random random;
    QSet<quint64> seen;
    seen.reserve(LinkTotal);
    QList<Link> links;
    const QStringList devRevTypes = {u"is_dependent_on"_s, u"is_duplicate_of"_s, u"is_parent_of"_s};
    int linkSerial = 0;
    while (linkSerial < LinkTotal) {
        const qsizetype a = linkSerial % 2; // half Copper, half DevRev
        const QList<RecordKey> &keys = keysByAccount.at(a);
        const auto from = random.below(quint32(keys.size()));
        const auto to = random.below(quint32(keys.size()));
        if (from == to)
            continue;
        Link link;
        link.source = keys.at(from);
        link.target = keys.at(to);
        quint64 type = 0;
        if (accounts().at(a).vendor == Vendor::Copper) {
            link.type = u"related"_s; // Copper related items: undirected, no id of their own
            link.direction = LinkDirection::Undirected;
        } else {
            type = 1 + random.below(3);
            link.type = devRevTypes.at(qsizetype(type - 1));
            link.direction = LinkDirection::Directed;
            link.vendorLinkId = u"don:core:dvrv-us-1:devo/7Hx2Qa:link/%1"_s.arg(linkSerial);
        }
        const quint32 lo = link.direction == LinkDirection::Undirected ? std::min(from, to) : from;
        const quint32 hi = link.direction == LinkDirection::Undirected ? std::max(from, to) : to;
        const quint64 id = (quint64(a) << 62) | (type << 56) | (quint64(lo) << 28) | hi;
        if (seen.contains(id))
            continue;
        seen.insert(id);
        links.append(std::move(link));
        ++linkSerial;
        if (links.size() == BatchSize)
            w.linkBatches.append(std::exchange(links, {}));
    }
    if (!links.isEmpty())
        w.linkBatches.append(links);
    return w;
}

/// The records whose neighbours are queried: every 7919th (a prime) of each account.
QList<RecordKey> queriedKeys()
{
    QList<QList<RecordKey>> keysByAccount(accounts().size());
    int made = 0;
    for (int n = 0; n < RecordsPerType && made < RecordTotal; ++n) {
        for (qsizetype a = 0; a < accounts().size(); ++a) {
            const AccountSpec &spec = accounts().at(a);
            for (const QString &type : spec.types) {
                if (made == RecordTotal)
                    break;
                keysByAccount[a].append(
                    RecordKey{spec.vendor, spec.account, type, recordId(spec, type, n)});
                ++made;
            }
        }
    }
    QList<RecordKey> keys;
    for (int i = 0; i < NeighbourQueries; ++i) {
        const QList<RecordKey> &account = keysByAccount.at(i % 2);
        keys.append(account.at(qsizetype(quint64(i) * 7919 % quint64(account.size()))));
    }
    return keys;
}

/// What this machine can do at best with the same file, schema and settings, so the
/// repository's figures can be read against it:
/// - reading every row of both tables through QSqlQuery (no processing);
/// - inserting the same links in batches of BatchSize with INSERT ... SELECT from the
///   workspace (SQLite only: B-tree, foreign-key and WAL work, no per-row Qt cost);
/// - inserting them with one prepared QSqlQuery and seven bound values per row.
void floorPhase(const QString &path)
{
    const QString floorPath = path + u".floor"_s;
    const auto exec = [](QSqlQuery &q, const QString &sql) {
        if (!q.exec(sql))
            out() << "floor: " << sql << ": " << q.lastError().text() << Qt::endl;
    };
    {
        QSqlDatabase ws = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"floor-read"_s);
        ws.setDatabaseName(path);
        ws.open();
        QSqlQuery q(ws);
        q.setForwardOnly(true);
        PhaseTimer phase;
        qint64 values = 0;
        for (const QString &table : {u"records"_s, u"links"_s}) {
            exec(q, u"SELECT * FROM "_s + table + u" ORDER BY id"_s);
            const int columns = q.record().count();
            while (q.next()) {
                for (int i = 0; i < columns; ++i)
                    values += q.value(i).isValid();
            }
        }
        out() << "floor, read all rows with QSqlQuery:          " << phase.text() << Qt::endl;
        Q_UNUSED(values);
    }
    QSqlDatabase::removeDatabase(u"floor-read"_s);

    for (const bool perRow : {false, true}) {
        QFile::remove(floorPath);
        QFile::remove(floorPath + u"-wal"_s);
        QFile::remove(floorPath + u"-shm"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"floor"_s);
            db.setDatabaseName(floorPath);
            db.open();
            QSqlQuery q(db);
            exec(q, u"PRAGMA journal_mode = WAL"_s);
            exec(q, u"PRAGMA synchronous = NORMAL"_s);
            exec(q, u"PRAGMA foreign_keys = ON"_s);
            exec(q, u"PRAGMA cache_size = -32768"_s); // as the repository's bulk writes
            exec(q, u"ATTACH DATABASE '%1' AS ws"_s.arg(QString(path).replace(u'\'', u"''"_s)));
            QStringList schema;
            exec(q, u"SELECT sql FROM ws.sqlite_master WHERE type = 'table' ORDER BY rootpage"_s);
            while (q.next())
                schema << q.value(0).toString();
            for (const QString &sql : std::as_const(schema))
                exec(q, sql);
            exec(q, u"INSERT INTO main.records SELECT * FROM ws.records"_s);

            QList<QVariantList> rows;
            if (perRow) {
                exec(q,
                     u"SELECT source, target, link_type, direction, vendor_link_id, state,"
                     " error FROM ws.links ORDER BY id"_s);
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < 7; ++i)
                        row << q.value(i);
                    rows << row;
                }
            }
            QSqlQuery insert(db);
            if (perRow) {
                insert.prepare(u"INSERT INTO main.links (source, target, link_type, direction,"
                               " vendor_link_id, state, error) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
            } else {
                insert.prepare(u"INSERT INTO main.links SELECT * FROM ws.links"
                               " WHERE id BETWEEN ? AND ?"_s);
            }
            PhaseTimer phase;
            for (int first = 0; first < LinkTotal; first += BatchSize) {
                exec(q, u"BEGIN IMMEDIATE"_s);
                if (perRow) {
                    for (qsizetype i = first; i < qMin<qsizetype>(first + BatchSize, rows.size());
                         ++i) {
                        for (int c = 0; c < 7; ++c)
                            insert.bindValue(c, rows.at(i).at(c));
                        insert.exec();
                    }
                } else {
                    insert.bindValue(0, first + 1);
                    insert.bindValue(1, first + BatchSize);
                    insert.exec();
                }
                exec(q, u"COMMIT"_s);
            }
            out() << (perRow ? "floor, links by prepared QSqlQuery per row:  "
                             : "floor, links by INSERT ... SELECT (SQLite):  ")
                  << phase.text() << ", " << perSecond(LinkTotal, phase.wallNs())
                  << " links/s (by cpu time " << perSecond(LinkTotal, phase.cpuElapsedNs()) << ")"
                  << Qt::endl;
            insert.finish();
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"floor"_s);
    }
    QFile::remove(floorPath);
}

int reopenPhase(const QString &path)
{
    const QList<RecordKey> queried = queriedKeys();
    const qint64 residentBefore = residentBytes();
    const qint64 heapBefore = heapInUse();
    LinkRepository repo;
    PhaseTimer phase;
    const Result opened = repo.open(path);
    const QString openTime = phase.text();
    if (!opened) {
        out() << "reopen failed: " << opened.message() << ' ' << opened.details() << Qt::endl;
        return 1;
    }
    const qint64 residentAfter = residentBytes();
    const qint64 heapAfter = heapInUse();
    const qint64 links = qMax<qint64>(repo.linkCount(), 1);
    out() << "reopen:              " << openTime << " for " << repo.recordCount() << " records and "
          << repo.linkCount() << " links" << Qt::endl;
    out() << "resident before:     " << megabytes(residentBefore) << Qt::endl;
    out() << "resident after:      " << megabytes(residentAfter) << Qt::endl;
    out() << "resident per link:   " << (residentAfter - residentBefore) / links
          << " bytes (records included)" << Qt::endl;
    if (heapBefore >= 0) {
        out() << "heap in use per link: " << (heapAfter - heapBefore) / links
              << " bytes (malloc'd and still in use, records included)" << Qt::endl;
    }

    QElapsedTimer timer;
    timer.start();
    qsizetype neighbourTotal = 0;
    for (const RecordKey &key : queried)
        neighbourTotal += repo.neighbours(key).size();
    const qint64 queryUs = timer.nsecsElapsed() / 1000;
    out() << "neighbours:          " << queried.size() << " queries in " << queryUs / 1000.0
          << " ms (" << neighbourTotal << " neighbours, "
          << double(queryUs) / double(queried.size()) << " us/query)" << Qt::endl;

    timer.restart();
    qsizetype linkTotal = 0;
    for (const RecordKey &key : queried)
        linkTotal += repo.linksOf(key).size();
    out() << "linksOf:             " << queried.size() << " queries in "
          << timer.nsecsElapsed() / 1e6 << " ms (" << linkTotal << " links)" << Qt::endl;

    timer.restart();
    qsizetype titleChars = 0;
    for (const RecordKey &key : queried) {
        if (const auto record = repo.record(key))
            titleChars += record->title.size();
    }
    out() << "record():            " << queried.size() << " lookups in "
          << timer.nsecsElapsed() / 1e6 << " ms (" << titleChars << " title chars)" << Qt::endl;

    repo.close();
    floorPhase(path);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"--reopen"_s)
        return reopenPhase(args.at(2));

    QTemporaryDir dir;
    QString path = dir.filePath(u"bench.linkloom"_s);
    if (args.size() == 3 && args.at(1) == u"--keep"_s) {
        path = args.at(2);
        QFile::remove(path);
    }

    QElapsedTimer timer;
    timer.start();
    PhaseTimer phase;
    const Workload w = makeWorkload();
    out() << "workload:            " << RecordTotal << " records, " << LinkTotal
          << " links in batches of " << BatchSize << " (made in " << timer.elapsed() << " ms)"
          << Qt::endl;

    LinkRepository repo;
    phase.restart();
    if (const Result r = repo.open(path); !r) {
        out() << "open failed: " << r.message() << ' ' << r.details() << Qt::endl;
        return 1;
    }
    out() << "create:              " << phase.text() << Qt::endl;

    phase.restart();
    for (const QList<Record> &batch : w.recordBatches) {
        if (const Result r = repo.upsertRecords(batch); !r) {
            out() << "upsertRecords failed: " << r.details() << Qt::endl;
            return 1;
        }
    }
    out() << "upsert records:      " << phase.text() << ", "
          << perSecond(RecordTotal, phase.wallNs()) << " records/s" << Qt::endl;

    phase.restart();
    for (const QList<Link> &batch : w.linkBatches) {
        if (const Result r = repo.upsertLinks(batch); !r) {
            out() << "upsertLinks failed: " << r.details() << Qt::endl;
            return 1;
        }
    }
    out() << "upsert links:        " << phase.text() << ", " << perSecond(LinkTotal, phase.wallNs())
          << " links/s (by cpu time " << perSecond(LinkTotal, phase.cpuElapsedNs()) << ")"
          << Qt::endl;
    if (repo.linkCount() != LinkTotal || repo.recordCount() != RecordTotal) {
        out() << "unexpected counts: " << repo.recordCount() << " records, " << repo.linkCount()
              << " links" << Qt::endl;
        return 1;
    }

    // Upserting unchanged data again (what a refresh mostly does).
    phase.restart();
    for (const QList<Link> &batch : w.linkBatches)
        repo.upsertLinks(batch);
    out() << "re-upsert (no-op):   " << phase.text() << ", " << perSecond(LinkTotal, phase.wallNs())
          << " links/s" << Qt::endl;

    phase.restart();
    repo.close();
    out() << "close:               " << phase.text() << Qt::endl;
    out() << "file size:           " << megabytes(QFileInfo(path).size()) << Qt::endl;
    out().flush();

    QProcess reopen;
    reopen.setProcessChannelMode(QProcess::ForwardedChannels);
    reopen.start(QCoreApplication::applicationFilePath(), {u"--reopen"_s, path});
    reopen.waitForFinished(-1);
    return reopen.exitCode();
}
