// Benchmark of the explorer's search and filters with a fixed, deterministic workload:
//   100,000 records (4 vendors, 4 accounts, 9 record types, titles of 10 to 90 characters) and
//   300,000 links (one record with 1,000 of them) upserted in batches of 10,000, then, in a
//   fresh process (so memory is measured from a clean heap):
//   - reopening the workspace and building the search index;
//   - typing "sales" one keystroke at a time: the search alone (a fresh scan, and typing on),
//     the results model (a reset per keystroke, then the rows a view would paint), and a
//     QTreeView over it (expandAll() and a repaint, offscreen);
//   - a keystroke with a vendor and a "with links" filter;
//   - expanding a record with 1,000 related items in the explorer tree (model, then view);
//   - resident memory: after opening, after indexing, and the peak (VmHWM);
//   - in a third process, open to first paint: from main() through opening the workspace and
//     building the main window (ui/MainWindow, offscreen) to the first paint of its record
//     tree, cold (no remembered state) and again with the state a user leaves behind (the
//     1,000-link record expanded and current).
// Each timed step is repeated and the median printed. It prints figures; it does not pass or
// fail. Build it in Release.
//
// Usage: bench_explorer [--keep <file>]     run everything (a temporary file by default; a
//                                           kept file is made once and reused)
//        bench_explorer --explore <file>    only the measuring phase (used by the first form)
//        bench_explorer --first-paint <file> only open to first paint (likewise)

#include "models/linkrepository.h"
#include "models/recordsearch.h"
#include "models/recordtreemodel.h"
#include "models/searchresultsmodel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeView>

#include <algorithm>
#include <functional>

#include <time.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int RecordTotal = 100'000;
constexpr int LinkTotal = 300'000;
constexpr int HubLinks = 1'000;
constexpr int BatchSize = 10'000;
constexpr int Runs = 7;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/// A line of /proc/self/status ("VmRSS", "VmHWM") in bytes; -1 where there is none.
qint64 statusBytes(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MiB"_s;
}

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 2) + u" ms"_s;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

/// Wall-clock and CPU time of a step. On a machine shared with other work the CPU time is the
/// steadier figure.
struct Timing
{
    qint64 wall = 0;
    qint64 cpu = 0;
};

QString milliseconds(Timing t)
{
    return milliseconds(t.wall) + u" (cpu "_s + QString::number(double(t.cpu) / 1e6, 'f', 2)
        + u")"_s;
}

/// "wall/cpu" in milliseconds, for tables.
QString cell(Timing t)
{
    const QString text = QString::number(double(t.wall) / 1e6, 'f', 2) + u'/'
        + QString::number(double(t.cpu) / 1e6, 'f', 2);
    return text.rightJustified(12);
}

/// The medians of `runs` calls of `step`, each after `prepare` (not timed).
Timing medianNs(int runs, const std::function<void()> &step,
                const std::function<void()> &prepare = {})
{
    QList<qint64> walls;
    QList<qint64> cpus;
    for (int i = 0; i < runs; ++i) {
        if (prepare)
            prepare();
        QElapsedTimer timer;
        const qint64 cpu = threadCpuNs();
        timer.start();
        step();
        walls.append(timer.nsecsElapsed());
        cpus.append(threadCpuNs() - cpu);
    }
    std::sort(walls.begin(), walls.end());
    std::sort(cpus.begin(), cpus.end());
    return {walls.at(walls.size() / 2), cpus.at(cpus.size() / 2)};
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

struct TypeSpec
{
    QString type;
    QString label;
};

struct AccountSpec
{
    Vendor vendor;
    QString account;
    QString name;
    QList<TypeSpec> types;
    QStringList linkTypes;
};

const QList<AccountSpec> &accountSpecs()
{
    static const QList<AccountSpec> specs = {
        {Vendor::Copper,
         u"acme-crm"_s,
         u"Acme CRM"_s,
         {{u"person"_s, u"People"_s},
          {u"company"_s, u"Companies"_s},
          {u"opportunity"_s, u"Opportunities"_s}},
         {u"related"_s}},
        {Vendor::DevRev,
         u"acme-dev"_s,
         u"Acme Dev"_s,
         {{u"issue"_s, u"Issues"_s}, {u"ticket"_s, u"Tickets"_s}},
         {u"is_dependent_on"_s, u"is_duplicate_of"_s, u"is_parent_of"_s}},
        {Vendor::Pm415,
         u"acme-pm"_s,
         u"Acme Projects"_s,
         {{u"task"_s, u"Tasks"_s}, {u"project"_s, u"Projects"_s}},
         {u"connection"_s}},
        {Vendor::Laserfiche,
         u"acme-docs"_s,
         u"Acme Documents"_s,
         {{u"entry"_s, u"Entries"_s}, {u"folder"_s, u"Folders"_s}},
         {u"1"_s, u"2"_s}},
    };
    return specs;
}

class BenchSource : public RecordSource
{
public:
    QList<AccountInfo> accounts() const override
    {
        QList<AccountInfo> accounts;
        for (const AccountSpec &spec : accountSpecs()) {
            AccountInfo info{spec.vendor, spec.account, spec.name, {}};
            for (const TypeSpec &type : spec.types)
                info.recordTypes.append({type.type, type.label});
            accounts.append(info);
        }
        return accounts;
    }
    void fetchRecords(Vendor, const QString &, const QString &) override { }
    void fetchLinks(const RecordKey &) override { }
    int activeRequests() const override { return 0; }
};

// Words for titles: business and engineering vocabulary with a few accented names; "sale"
// and its relatives show up in about 2% of titles, "s" in nearly all.
const QStringList &words()
{
    static const QStringList list = {
        u"account"_s,    u"invoice"_s,    u"export"_s,     u"attachment"_s, u"renewal"_s,
        u"contract"_s,   u"pipeline"_s,   u"review"_s,     u"quarterly"_s,  u"forecast"_s,
        u"customer"_s,   u"onboarding"_s, u"migration"_s,  u"timeout"_s,    u"login"_s,
        u"dashboard"_s,  u"report"_s,     u"mobile"_s,     u"checkout"_s,   u"payment"_s,
        u"shipping"_s,   u"warehouse"_s,  u"inventory"_s,  u"pricing"_s,    u"discount"_s,
        u"partner"_s,    u"support"_s,    u"escalation"_s, u"security"_s,   u"audit"_s,
        u"compliance"_s, u"backup"_s,     u"restore"_s,    u"release"_s,    u"feature"_s,
        u"request"_s,    u"crash"_s,      u"slow"_s,       u"search"_s,     u"index"_s,
        u"upload"_s,     u"download"_s,   u"sync"_s,       u"calendar"_s,   u"meeting"_s,
        u"proposal"_s,   u"budget"_s,     u"approval"_s,   u"signature"_s,  u"template"_s,
        u"Northwind"_s,  u"Contoso"_s,    u"Fabrikam"_s,   u"Globex"_s,     u"Initech"_s,
        u"Umbrella"_s,   u"Café"_s,       u"Müller"_s,     u"Société"_s,    u"Zürich"_s,
        u"São Paulo"_s,  u"Kraków"_s,     u"Ørsted"_s,     u"Straße"_s,     u"Q1"_s,
        u"Q2"_s,         u"Q3"_s,         u"Q4"_s,         u"2023"_s,       u"2024"_s,
        u"EMEA"_s,       u"APAC"_s,       u"enterprise"_s, u"team"_s,       u"seats"_s,
        u"licence"_s,    u"upgrade"_s,    u"trial"_s,      u"demo"_s,       u"kickoff"_s,
        u"handover"_s,   u"training"_s,   u"workshop"_s,   u"roadmap"_s,    u"sprint"_s,
        u"bug"_s,        u"regression"_s, u"hotfix"_s,     u"deployment"_s, u"server"_s,
        u"database"_s,   u"schema"_s,     u"query"_s,      u"cache"_s,      u"latency"_s,
    };
    return list;
}

const QStringList &saleWords()
{
    static const QStringList list
        = {u"sales"_s, u"Sales"_s, u"wholesale"_s, u"resale"_s, u"salesforce"_s, u"salary"_s};
    return list;
}

const QStringList &firstNames()
{
    static const QStringList list
        = {u"Ada"_s,     u"Grace"_s, u"Alan"_s,     u"Edsger"_s, u"Barbara"_s, u"Donald"_s,
           u"Frances"_s, u"John"_s,  u"Margaret"_s, u"Ken"_s,    u"Radia"_s,   u"Linus"_s,
           u"Hélène"_s,  u"José"_s,  u"Zoë"_s,      u"Søren"_s,  u"Ángel"_s,   u"Chloé"_s};
    return list;
}

const QStringList &lastNames()
{
    static const QStringList list = {
        u"Lovelace"_s, u"Hopper"_s,   u"Turing"_s,      u"Dijkstra"_s, u"Liskov"_s,  u"Knuth"_s,
        u"Allen"_s,    u"McCarthy"_s, u"Hamilton"_s,    u"Thompson"_s, u"Perlman"_s, u"Torvalds"_s,
        u"Dubois"_s,   u"García"_s,   u"Kierkegaard"_s, u"Núñez"_s,    u"Salesky"_s, u"Brontë"_s};
    return list;
}

QString sentence(Random &random, int minWords, int maxWords)
{
    const int count = minWords + int(random.below(quint32(maxWords - minWords + 1)));
    QStringList parts;
    for (int i = 0; i < count; ++i) {
        if (random.below(100) < 1) // ~1 word in 100: about 2 to 8% of titles
            parts.append(saleWords().at(random.below(quint32(saleWords().size()))));
        else
            parts.append(words().at(random.below(quint32(words().size()))));
    }
    QString text = parts.join(u' ');
    text[0] = text.at(0).toUpper();
    return text;
}

QString title(Random &random, const QString &type, int n)
{
    if (type == u"person"_s) {
        return firstNames().at(random.below(quint32(firstNames().size()))) + u' '
            + lastNames().at(random.below(quint32(lastNames().size())));
    }
    if (type == u"company"_s)
        return sentence(random, 1, 2) + u" Ltd"_s;
    if (type == u"entry"_s)
        return sentence(random, 2, 5).replace(u' ', u'_') + u".pdf"_s;
    if (type == u"folder"_s)
        return sentence(random, 1, 3);
    if (type == u"ticket"_s)
        return u"TKT-%1 "_s.arg(n) + sentence(random, 4, 10);
    return sentence(random, 3, 11);
}

QString recordId(const AccountSpec &spec, const QString &type, int n)
{
    switch (spec.vendor) {
    case Vendor::Copper:
        return QString::number(140'000'000 + n * 7);
    case Vendor::DevRev:
        return u"don:core:dvrv-us-1:devo/7Hx2Qa:%1/%2"_s.arg(type).arg(n + 1);
    case Vendor::Pm415:
        return QString::number(5'000'000 + n);
    case Vendor::Laserfiche:
        return QString::number(1'000 + n * 3 + (type == u"folder"_s ? 1 : 0));
    }
    return {};
}

/// The hub: the first DevRev issue, with HubLinks links.
RecordKey hubKey()
{
    const AccountSpec &devRev = accountSpecs().at(1);
    return RecordKey{devRev.vendor, devRev.account, u"issue"_s, recordId(devRev, u"issue"_s, 0)};
}

int createPhase(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    Random random;
    LinkRepository repo;
    if (const Result r = repo.open(path); !r) {
        out() << "open failed: " << r.message() << ' ' << r.details() << Qt::endl;
        return 1;
    }
    // Records: round robin over every type so each gets its share.
    QList<QList<RecordKey>> keysByAccount(accountSpecs().size());
    QList<Record> batch;
    int made = 0;
    for (int n = 0; made < RecordTotal; ++n) {
        for (qsizetype a = 0; a < accountSpecs().size() && made < RecordTotal; ++a) {
            const AccountSpec &spec = accountSpecs().at(a);
            for (const TypeSpec &type : spec.types) {
                if (made == RecordTotal)
                    break;
                Record r;
                r.key
                    = RecordKey{spec.vendor, spec.account, type.type, recordId(spec, type.type, n)};
                r.title = title(random, type.type, n);
                r.fields.insert(u"Owner"_s, firstNames().at(random.below(18)));
                r.fields.insert(u"Stage"_s, n % 3 ? u"open"_s : u"closed"_s);
                keysByAccount[a].append(r.key);
                batch.append(std::move(r));
                ++made;
                if (batch.size() == BatchSize) {
                    if (const Result result = repo.upsertRecords(batch); !result) {
                        out() << "upsertRecords failed: " << result.details() << Qt::endl;
                        return 1;
                    }
                    batch.clear();
                }
            }
        }
    }
    if (!batch.isEmpty())
        repo.upsertRecords(batch);

    // Links: within an account, random ends, the account's link types; the hub first.
    QSet<QString> seen;
    QList<Link> links;
    const auto add = [&](Link link) {
        const QString id = link.source.id + u'|' + link.target.id + u'|' + link.type;
        if (link.source == link.target || seen.contains(id))
            return false;
        seen.insert(id);
        links.append(std::move(link));
        if (links.size() == BatchSize) {
            repo.upsertLinks(links);
            links.clear();
        }
        return true;
    };
    const QList<RecordKey> &devRevKeys = keysByAccount.at(1);
    for (int i = 0; i < HubLinks;) {
        Link link;
        link.source = hubKey();
        link.target = devRevKeys.at(1 + random.below(quint32(devRevKeys.size() - 1)));
        link.type = u"is_parent_of"_s;
        link.direction = LinkDirection::Directed;
        i += add(link);
    }
    for (int i = HubLinks; i < LinkTotal;) {
        const qsizetype a = i % accountSpecs().size();
        const AccountSpec &spec = accountSpecs().at(a);
        const QList<RecordKey> &keys = keysByAccount.at(a);
        Link link;
        link.source = keys.at(random.below(quint32(keys.size())));
        link.target = keys.at(random.below(quint32(keys.size())));
        link.type = spec.linkTypes.at(random.below(quint32(spec.linkTypes.size())));
        link.direction = spec.vendor == Vendor::Copper || spec.vendor == Vendor::Pm415
            ? LinkDirection::Undirected
            : LinkDirection::Directed;
        if (link.direction == LinkDirection::Undirected && link.target < link.source)
            std::swap(link.source, link.target);
        i += add(link);
    }
    if (!links.isEmpty())
        repo.upsertLinks(links);
    out() << "workspace:           " << repo.recordCount() << " records, " << repo.linkCount()
          << " links, made in " << timer.elapsed() << " ms (" << megabytes(QFileInfo(path).size())
          << " file)" << Qt::endl;
    repo.close();
    return 0;
}

/// The rows a view shows first under `root`: the first screen (50 rows), all columns.
int paintRows(QAbstractItemModel *model, const QModelIndex &root = {})
{
    int rows = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent) && rows < 50; ++row) {
            ++rows;
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                index.data(Qt::DisplayRole);
                index.data(Qt::DecorationRole);
                index.data(RecordTreeModel::NodeKindRole);
            }
            walk(model->index(row, 0, parent));
        }
    };
    walk(root);
    return rows;
}

int explorePhase(const QString &path)
{
    const qint64 residentStart = statusBytes("VmRSS");
    LinkRepository repo;
    QElapsedTimer timer;
    timer.start();
    if (const Result r = repo.open(path); !r) {
        out() << "open failed: " << r.message() << ' ' << r.details() << Qt::endl;
        return 1;
    }
    out() << "reopen:              " << milliseconds(timer.nsecsElapsed()) << " for "
          << repo.recordCount() << " records and " << repo.linkCount() << " links" << Qt::endl;
    const qint64 residentOpen = statusBytes("VmRSS");
    out() << "resident:            " << megabytes(residentStart) << " at start, "
          << megabytes(residentOpen) << " with the workspace open" << Qt::endl;

    BenchSource source;
    // --- building the index -----------------------------------------------------------------
    {
        QList<qint64> builds;
        QList<qint64> linkIndexes;
        for (int i = 0; i < 3; ++i) {
            RecordSearch scratch(&repo, &source);
            QElapsedTimer build;
            build.start();
            scratch.buildIndex();
            builds.append(build.nsecsElapsed());
            RecordFilter withLinks;
            withLinks.links = RecordFilter::Links::WithLinks;
            build.restart();
            scratch.prepare(withLinks); // reads every record's link types, once
            linkIndexes.append(build.nsecsElapsed());
        }
        std::sort(builds.begin(), builds.end());
        std::sort(linkIndexes.begin(), linkIndexes.end());
        out() << "search index build:  " << milliseconds(builds.at(1)) << " titles and ids, then "
              << milliseconds(linkIndexes.at(1))
              << " link types at the first link filter (medians of 3)" << Qt::endl;
    }
    RecordSearch search(&repo, &source);
    search.buildIndex();
    search.prepare(RecordFilter{{}, {}, {}, {}, RecordFilter::Links::WithLinks});
    const qint64 residentIndexed = statusBytes("VmRSS");
    out() << "search index:        " << search.entryCount() << " records, "
          << megabytes(search.memoryUse()) << " held; resident +"
          << megabytes(residentIndexed - residentOpen) << Qt::endl;

    // --- typing "sales" ---------------------------------------------------------------------
    const QStringList keystrokes = {u"s"_s, u"sa"_s, u"sal"_s, u"sale"_s, u"sales"_s};
    out() << Qt::endl
          << "typing \"sales\", median of " << Runs << " runs per keystroke:" << Qt::endl
          << "  text     matches      scan all     type on       model   tree view   (ms wall/cpu)"
          << Qt::endl;
    SearchResultsModel model(&search);
    QTreeView view;
    view.setUniformRowHeights(true);
    view.resize(1000, 800);
    view.setModel(&model);
    view.header()->setSectionResizeMode(RecordTreeModel::NameColumn, QHeaderView::Stretch);
    view.show();
    QCoreApplication::processEvents();
    QObject::connect(&model, &QAbstractItemModel::modelReset, &view, &QTreeView::expandAll);

    for (qsizetype k = 0; k < keystrokes.size(); ++k) {
        RecordFilter filter;
        filter.text = keystrokes.at(k);
        RecordFilter previous;
        previous.text = k > 0 ? keystrokes.at(k - 1) : QString();
        const RecordSearch::Query query = search.prepare(filter);
        RecordSearch::Hits hits;
        const Timing scan = medianNs(Runs, [&] { hits = search.match(query); });
        qsizetype matches = 0;
        for (const auto &group : hits)
            matches += group.size();
        const RecordSearch::Query before = search.prepare(previous);
        const RecordSearch::Hits previousHits = search.match(before);
        const Timing typeOn
            = medianNs(Runs, [&] { hits = search.refine(query, before, previousHits); });
        // The model (reset + first screen of rows), from the previous keystroke's state.
        view.setModel(nullptr);
        const Timing modelNs = medianNs(
            Runs,
            [&] {
                model.setFilter(filter);
                paintRows(&model);
            },
            [&] {
                model.setFilter(RecordFilter());
                model.setFilter(previous);
            });
        view.setModel(&model);
        const Timing viewNs = medianNs(
            Runs,
            [&] {
                model.setFilter(filter); // expandAll() on modelReset
                view.viewport()->repaint();
            },
            [&] {
                model.setFilter(RecordFilter());
                model.setFilter(previous);
                view.viewport()->repaint();
            });
        out() << "  " << QString(u'"' + filter.text + u'"').leftJustified(8) << " "
              << QString::number(matches).rightJustified(7) << cell(scan) << cell(typeOn)
              << cell(modelNs) << cell(viewNs) << Qt::endl;
    }
    out() << "  (scan all: RecordSearch::match(); type on: refine() from the previous keystroke's"
          << Qt::endl
          << "   matches; model: SearchResultsModel::setFilter() + the first 50 rows' data;"
          << Qt::endl
          << "   tree view: setFilter() + expandAll() + repaint of a 1000x800 QTreeView)"
          << Qt::endl;

    // --- a keystroke with a vendor and "with links" -------------------------------------------
    {
        RecordFilter filter;
        filter.vendors = {Vendor::DevRev};
        filter.links = RecordFilter::Links::WithLinks;
        filter.text = u"sale"_s;
        RecordFilter previous = filter;
        previous.text = u"sal"_s;
        const Timing typeOn = medianNs(
            Runs,
            [&] {
                model.setFilter(filter);
                view.viewport()->repaint();
            },
            [&] {
                model.setFilter(RecordFilter());
                model.setFilter(previous);
                view.viewport()->repaint();
            });
        const Timing fresh = medianNs(
            Runs,
            [&] {
                model.setFilter(filter);
                view.viewport()->repaint();
            },
            [&] {
                model.setFilter(RecordFilter());
                view.viewport()->repaint();
            });
        RecordFilter noText = filter;
        noText.text.clear();
        const Timing filterOnly = medianNs(
            Runs,
            [&] {
                model.setFilter(noText);
                view.viewport()->repaint();
            },
            [&] {
                model.setFilter(RecordFilter());
                view.viewport()->repaint();
            });
        model.setFilter(filter);
        const qsizetype filtered = model.matchCount();
        model.setFilter(noText);
        out() << Qt::endl
              << "DevRev + with links: \"sal\" -> \"sale\" " << milliseconds(typeOn)
              << ", \"sale\" from nothing " << milliseconds(fresh) << " (" << filtered
              << " matches); no text " << milliseconds(filterOnly) << " (" << model.matchCount()
              << " matches), with the tree view" << Qt::endl;
    }
    model.setFilter(RecordFilter());
    view.setModel(nullptr);

    // --- the explorer tree: expanding a record with 1,000 related items ----------------------
    {
        std::unique_ptr<RecordTreeModel> scratch;
        QModelIndex scratchHub;
        const Timing typeNs = medianNs(
            Runs,
            [&] {
                scratchHub = scratch->indexOfRecord(hubKey()); // the type's rows
                paintRows(scratch.get(), scratchHub.parent());
            },
            [&] { scratch = std::make_unique<RecordTreeModel>(&repo, &source); });
        const Timing modelNs = medianNs(
            Runs,
            [&] {
                scratch->rowCount(scratchHub); // the record's links
                paintRows(scratch.get(), scratchHub);
            },
            [&] {
                scratch = std::make_unique<RecordTreeModel>(&repo, &source);
                scratchHub = scratch->indexOfRecord(hubKey());
            });
        scratch.reset();
        RecordTreeModel tree(&repo, &source);
        QTreeView treeView;
        treeView.setUniformRowHeights(true);
        treeView.resize(1000, 800);
        treeView.setModel(&tree);
        treeView.show();
        const QModelIndex hub = tree.indexOfRecord(hubKey()); // the type's 11,000 rows
        treeView.expand(hub.parent().parent());
        treeView.expand(hub.parent());
        treeView.scrollTo(hub, QAbstractItemView::PositionAtTop);
        treeView.viewport()->repaint();
        QElapsedTimer expand;
        expand.start();
        treeView.expand(hub);
        treeView.viewport()->repaint();
        const qint64 viewNs = expand.nsecsElapsed();
        out() << Qt::endl
              << "explorer tree:       a type of " << tree.rowCount(hub.parent())
              << " records shows in " << milliseconds(typeNs) << " (model)" << Qt::endl
              << "                     a record with " << tree.rowCount(hub)
              << " related items expands in " << milliseconds(modelNs) << " (model), "
              << milliseconds(viewNs) << " (QTreeView: expand + repaint, once)" << Qt::endl;
    }
    out() << Qt::endl
          << "resident now:        " << megabytes(statusBytes("VmRSS")) << Qt::endl
          << "peak resident:       " << megabytes(statusBytes("VmHWM")) << " (VmHWM)" << Qt::endl;
    return 0;
}

/// Sees the first paint of a widget.
class PaintWatcher : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

/// Opens the workspace and shows the main window; prints the time from `sinceMain` to the first
/// paint of the record tree. `leaveState`: the window is then closed with the 1,000-link record
/// expanded and current, as a user would leave it, for the next run to restore.
int firstPaintPhase(const QString &path, const QElapsedTimer &sinceMain, bool leaveState)
{
    LinkRepository repo;
    if (const Result r = repo.open(path); !r) {
        out() << "open failed: " << r.message() << ' ' << r.details() << Qt::endl;
        return 1;
    }
    const qint64 openedNs = sinceMain.nsecsElapsed();
    BenchSource source;
    auto window = std::make_unique<MainWindow>(&repo, &source);
    const qint64 builtNs = sinceMain.nsecsElapsed();
    PaintWatcher watcher;
    window->recordTree()->viewport()->installEventFilter(&watcher);
    window->show();
    while (!watcher.painted)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    const qint64 paintedNs = sinceMain.nsecsElapsed();
    out() << "  workspace open " << milliseconds(openedNs) << ", window built "
          << milliseconds(builtNs) << ", first paint of the tree " << milliseconds(paintedNs)
          << " (" << window->recordTree()->model()->rowCount() << " accounts shown, current: "
          << (window->recordTree()->currentIndex().isValid()
                  ? window->recordTree()->currentIndex().data().toString()
                  : u"none"_s)
          << ')' << Qt::endl;
    if (leaveState) {
        RecordTreeModel *tree = window->recordTreeModel();
        const QModelIndex hub = tree->indexOfRecord(hubKey());
        window->recordTree()->expand(hub.parent().parent());
        window->recordTree()->expand(hub.parent());
        window->recordTree()->expand(hub);
        window->recordTree()->setCurrentIndex(hub);
        window->close(); // saves the layout and the view state
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"--explore"_s)
        return explorePhase(args.at(2));
    // The main window keeps its settings apart from a user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LinkloomBench"_s);
    QCoreApplication::setApplicationName(u"bench_explorer"_s);
    if (args.size() == 4 && args.at(1) == u"--first-paint"_s)
        return firstPaintPhase(args.at(3), sinceMain, args.at(2) == u"leave"_s);

    QTemporaryDir dir;
    QString path = dir.filePath(u"explorer.linkloom"_s);
    if (args.size() == 3 && args.at(1) == u"--keep"_s)
        path = args.at(2);
    if (QFileInfo::exists(path)) {
        out() << "workspace:           " << path << " (made by an earlier run)" << Qt::endl;
    } else {
        if (const int failed = createPhase(path))
            return failed;
    }
    out().flush();
    QProcess explore;
    explore.setProcessChannelMode(QProcess::ForwardedChannels);
    explore.start(QCoreApplication::applicationFilePath(), {u"--explore"_s, path});
    explore.waitForFinished(-1);
    if (explore.exitCode() != 0)
        return explore.exitCode();

    // Open to first paint, each in a fresh process: with no remembered state, then with the
    // state the previous run left (which the window restores before it paints).
    QSettings().clear();
    out() << Qt::endl << "open to first paint (from main(), offscreen):" << Qt::endl;
    out().flush();
    for (const auto &[label, mode] : {std::pair{u"no remembered state"_s, u"leave"_s},
                                      std::pair{u"state restored"_s, u"keep"_s}}) {
        out() << "  " << label << ':' << Qt::endl;
        out().flush();
        QProcess paint;
        paint.setProcessChannelMode(QProcess::ForwardedChannels);
        paint.start(QCoreApplication::applicationFilePath(), {u"--first-paint"_s, mode, path});
        paint.waitForFinished(-1);
        if (paint.exitCode() != 0)
            return paint.exitCode();
    }
    QSettings().clear();
    return 0;
}
