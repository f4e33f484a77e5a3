#include "models/recordsearch.h"

#include "models/linkrepository.h"

#include <QHash>
#include <QHashSeed>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr quint8 NoRank = 0xff;
constexpr quint8 ExactRank = 0;
constexpr quint8 StartRank = 1;
constexpr quint8 WordRank = 2;
constexpr quint8 InsideRank = 3;
/// Link types from the 64th on share the last bit; a match on it is checked exactly.
constexpr int OverflowBit = 63;
constexpr quint64 OverflowMask = quint64(1) << OverflowBit;
/// In RecordSearchPrivate::m_idPart: the id is not ASCII (the rest is then unused).
constexpr quint16 NonAsciiId = 0x8000;
/// Dead title bytes (left by title changes) are dropped once they are this many and half.
constexpr qsizetype CompactionMinimum = 1 << 20;

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xc0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
        out.append(char(0xe0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3f)));
        out.append(char(0x80 | (c & 0x3f)));
    } else {
        out.append(char(0xf0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3f)));
        out.append(char(0x80 | ((c >> 6) & 0x3f)));
        out.append(char(0x80 | (c & 0x3f)));
    }
}

/// Letters that compatibility decomposition leaves alone but people type without their stroke
/// or as two letters ("ø" as "o", "æ" as "ae"); nullptr for the others.
const char *latinReplacement(char32_t c)
{
    switch (c) {
    case U'ß':
    case U'ẞ':
        return "ss";
    case U'æ':
    case U'Æ':
        return "ae";
    case U'œ':
    case U'Œ':
        return "oe";
    case U'ø':
    case U'Ø':
        return "o";
    case U'ł':
    case U'Ł':
        return "l";
    case U'đ':
    case U'Đ':
    case U'ð':
    case U'Ð':
        return "d";
    case U'þ':
    case U'Þ':
        return "th";
    case U'ı':
        return "i";
    default:
        return nullptr;
    }
}

/// Appends `text` folded for matching (see RecordSearch::fold()) through Unicode's
/// compatibility decomposition: right for any text, slow.
void appendFoldedSlowly(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    bool pendingSpace = false;
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    const qsizetype size = decomposed.size();
    for (qsizetype i = 0; i < size; ++i) {
        char32_t c = decomposed.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < size && decomposed.at(i + 1).isLowSurrogate())
            c = QChar::surrogateToUcs4(char16_t(c), decomposed.at(++i).unicode());
        if (c <= ' ' || c == 0x7f || QChar::isSpace(c)) {
            pendingSpace = out.size() > start;
            continue;
        }
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing
            || category == QChar::Other_Control || category == QChar::Other_Format) {
            continue; // accents, and what does not show
        }
        if (pendingSpace) {
            out.append(' ');
            pendingSpace = false;
        }
        if (const char *latin = latinReplacement(c))
            out.append(latin);
        else
            appendUtf8(out, QChar::toCaseFolded(c));
    }
}

/// The folded form of each character from U+00A0 to U+017F (Latin-1 and Latin Extended-A:
/// most accented letters of European languages), worked out once by the slow path.
constexpr char16_t LatinFirst = 0xa0;
constexpr char16_t LatinEnd = 0x180;
const std::array<QByteArray, LatinEnd - LatinFirst> &latinTable()
{
    static const auto table = [] {
        std::array<QByteArray, LatinEnd - LatinFirst> t;
        for (char16_t c = LatinFirst; c < LatinEnd; ++c)
            appendFoldedSlowly(t[c - LatinFirst], QStringView(&c, 1));
        return t;
    }();
    return table;
}

/// Appends `text` folded for matching; see RecordSearch::fold(). ASCII and the Latin letters
/// of latinTable() take a fast path.
void appendFolded(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    bool pendingSpace = false;
    for (QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c < 0x80) {
            if (c <= ' ' || c == 0x7f) {
                pendingSpace = out.size() > start;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c >= 'A' && c <= 'Z' ? char(c | 0x20) : char(c));
        } else if (c >= LatinFirst && c < LatinEnd) {
            if (c == 0xa0) { // no-break space
                pendingSpace = out.size() > start;
                continue;
            }
            const QByteArray &folded = latinTable()[c - LatinFirst];
            if (folded.isEmpty())
                continue; // soft hyphen
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(folded);
        } else {
            out.truncate(start);
            appendFoldedSlowly(out, text);
            return;
        }
    }
}

/// The first position of `needle` in haystack[from, to), or -1.
qsizetype findIn(const char *haystack, qsizetype from, qsizetype to, const QByteArray &needle)
{
    const qsizetype n = needle.size();
    if (to - from < n)
        return -1;
    const char first = needle.front();
    const char *rest = needle.constData() + 1;
    const char *p = haystack + from;
    const char *last = haystack + to - n; // the last place a match can start
    while (p <= last) {
        p = static_cast<const char *>(std::memchr(p, first, size_t(last - p + 1)));
        if (!p)
            return -1;
        if (std::memcmp(p + 1, rest, size_t(n - 1)) == 0)
            return p - haystack;
        ++p;
    }
    return -1;
}

bool isWordByte(char c)
{
    // Folded text is lower case; bytes of multi-byte characters count as letters.
    const auto u = uchar(c);
    return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}

/// How well a title (folded) matches when its first occurrence of `needle` is at `at`.
quint8 titleRank(const char *title, qsizetype size, qsizetype at, const QByteArray &needle)
{
    if (at == 0)
        return size == needle.size() ? ExactRank : StartRank;
    for (qsizetype pos = at; pos >= 0; pos = findIn(title, pos + 1, size, needle)) {
        if (!isWordByte(title[pos - 1]))
            return WordRank;
    }
    return InsideRank;
}

/// Whether `text` starts with `prefix`, ignoring ASCII case (the prefix is folded already).
bool startsWithFolded(QByteArrayView text, QByteArrayView prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        auto c = text.at(i);
        if (c >= 'A' && c <= 'Z')
            c = char(c | 0x20);
        if (c != prefix.at(i))
            return false;
    }
    return true;
}

bool isAscii(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return uchar(c) < 0x80; });
}

/// Where the last part of an id starts (after its last '/' or ':'), 0 when it has none.
qsizetype lastPartOf(QByteArrayView id)
{
    qsizetype cut = id.size();
    while (cut > 0 && id.at(cut - 1) != '/' && id.at(cut - 1) != ':')
        --cut;
    return cut < id.size() ? cut : 0;
}

/// What RecordSearchPrivate::m_idPart keeps of an id.
quint16 idPartOf(QByteArrayView id)
{
    if (!isAscii(id))
        return NonAsciiId;
    const qsizetype cut = lastPartOf(id);
    return cut < NonAsciiId ? quint16(cut) : 0;
}

/// How well a vendor id matches the needle: the whole id, or its last part.
quint8 idRank(QByteArrayView id, quint16 part, const QByteArray &needle)
{
    QByteArray folded;
    qsizetype cut = part;
    if (part & NonAsciiId) {
        appendFolded(folded, QString::fromUtf8(id));
        id = folded;
        cut = lastPartOf(id);
    }
    quint8 rank = NoRank;
    const auto tryPart = [&](QByteArrayView text) {
        if (startsWithFolded(text, needle))
            rank = std::min(rank, text.size() == needle.size() ? ExactRank : StartRank);
    };
    tryPart(id);
    if (cut > 0)
        tryPart(id.sliced(cut));
    return rank;
}

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_' || c == '~';
}

} // namespace

// --- the index --------------------------------------------------------------------------------

class RecordSearchPrivate
{
public:
    struct GroupKey
    {
        Vendor vendor;
        QString account;
        QString type;
        friend bool operator==(const GroupKey &, const GroupKey &) = default;
        friend size_t qHash(const GroupKey &k, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, quint8(k.vendor), k.account, k.type);
        }
    };
    struct GroupData : RecordSearch::Group
    {
        QByteArray keyPrefix; ///< "vendor:account:type:" as in key strings, folded
    };

    bool m_built = false;
    QList<AccountInfo> m_accounts;
    QList<GroupData> m_groups;
    QHash<GroupKey, int> m_groupIndex;

    // Entries, by number.
    std::vector<quint32> m_group;
    std::vector<quint32> m_idStart{0}; ///< into m_ids; one more than there are entries
    std::vector<quint32> m_span; ///< the span of the current title
    std::vector<quint16> m_idPart; ///< idPartOf() each id
    /// A bit per link type the record has links of; only once a query asked about links.
    std::vector<quint64> m_linkMask;
    bool m_linksIndexed = false;
    QByteArray m_ids; ///< vendor ids, UTF-8, back to back

    // Folded titles, each followed by a 0 byte, in spans; a title change appends a new span
    // and leaves the old one dead (owner NoEntry) until the buffer is compacted.
    QByteArray m_titles;
    std::vector<quint32> m_spanStart{0}; ///< one more than there are spans
    std::vector<quint32> m_spanOwner;
    qsizetype m_deadBytes = 0;

    /// Open addressing over entries by (group, id): entry + 1, 0 for an empty bucket.
    std::vector<quint32> m_table;
    size_t m_seed = QHashSeed::globalSeed();

    /// Link type -> bit number (the ones from OverflowBit on share OverflowBit).
    QHash<QString, int> m_linkTypeBits;

    quint32 entryCount() const { return quint32(m_group.size()); }
    QByteArrayView id(quint32 entry) const
    {
        return QByteArrayView(m_ids).sliced(m_idStart[entry],
                                            m_idStart[entry + 1] - m_idStart[entry]);
    }
    QByteArrayView title(quint32 entry) const
    {
        const quint32 span = m_span[entry];
        return QByteArrayView(m_titles).sliced(m_spanStart[span],
                                               m_spanStart[span + 1] - m_spanStart[span] - 1);
    }

    void clear() { *this = RecordSearchPrivate(); }

    int addGroup(const AccountInfo &account, int accountIndex, const QString &type)
    {
        GroupData g;
        g.vendor = account.vendor;
        g.account = account.account;
        g.type = type;
        g.label = type;
        for (const RecordTypeInfo &info : account.recordTypes) {
            if (info.type == type && !info.label.isEmpty())
                g.label = info.label;
        }
        g.accountIndex = accountIndex;
        // The key string of a record with the id "-", less the id.
        g.keyPrefix = RecordSearch::fold(
            RecordKey{account.vendor, account.account, type, u"-"_s}.toString().chopped(1));
        m_groups.append(g);
        m_groupIndex.insert({g.vendor, g.account, g.type}, int(m_groups.size() - 1));
        return int(m_groups.size() - 1);
    }

    /// The group of a key, added when its account is indexed; -1 otherwise.
    int groupFor(const RecordKey &key)
    {
        const int group = m_groupIndex.value({key.vendor, key.account, key.type}, -1);
        if (group >= 0)
            return group;
        for (int i = 0; i < m_accounts.size(); ++i) {
            if (m_accounts.at(i).vendor == key.vendor && m_accounts.at(i).account == key.account)
                return addGroup(m_accounts.at(i), i, key.type);
        }
        return -1;
    }

    size_t hash(quint32 group, QByteArrayView id) const { return qHashMulti(m_seed, group, id); }

    void growTable(quint32 entries)
    {
        size_t capacity = std::max<size_t>(m_table.size(), 64);
        while (size_t(entries) * 10 > capacity * 7)
            capacity *= 2;
        if (capacity == m_table.size())
            return;
        m_table.assign(capacity, 0);
        for (quint32 e = 0; e < entryCount(); ++e)
            insertIntoTable(e);
    }

    void insertIntoTable(quint32 entry)
    {
        const size_t mask = m_table.size() - 1;
        size_t bucket = hash(m_group[entry], id(entry)) & mask;
        while (m_table[bucket] != 0)
            bucket = (bucket + 1) & mask;
        m_table[bucket] = entry + 1;
    }

    quint32 find(quint32 group, QByteArrayView idUtf8) const
    {
        if (m_table.empty())
            return RecordSearch::NoEntry;
        const size_t mask = m_table.size() - 1;
        for (size_t bucket = hash(group, idUtf8) & mask;; bucket = (bucket + 1) & mask) {
            const quint32 slot = m_table[bucket];
            if (slot == 0)
                return RecordSearch::NoEntry;
            if (m_group[slot - 1] == group && id(slot - 1) == idUtf8)
                return slot - 1;
        }
    }

    quint32 appendSpan(quint32 entry, QStringView title)
    {
        const auto span = quint32(m_spanOwner.size());
        appendFolded(m_titles, title);
        m_titles.append('\0');
        m_spanOwner.push_back(entry);
        m_spanStart.push_back(quint32(m_titles.size()));
        return span;
    }

    quint64 bit(const QString &linkType)
    {
        auto it = m_linkTypeBits.constFind(linkType);
        if (it == m_linkTypeBits.cend())
            it = m_linkTypeBits.insert(linkType, int(m_linkTypeBits.size()));
        return quint64(1) << std::min(*it, OverflowBit);
    }

    quint64 maskOf(const QStringList &linkTypes)
    {
        quint64 mask = 0;
        for (const QString &type : linkTypes)
            mask |= bit(type);
        return mask;
    }

    quint32 addEntry(int group, const RecordKey &key, QStringView title, LinkRepository *repository)
    {
        const quint32 entry = entryCount();
        const QByteArray id = key.id.toUtf8();
        m_group.push_back(quint32(group));
        m_ids.append(id);
        m_idStart.push_back(quint32(m_ids.size()));
        m_idPart.push_back(idPartOf(id));
        if (m_linksIndexed)
            m_linkMask.push_back(maskOf(repository->linkTypesOf(key)));
        m_span.push_back(appendSpan(entry, title));
        growTable(entry + 1);
        insertIntoTable(entry);
        return entry;
    }

    void retitle(quint32 entry, QStringView title)
    {
        const quint32 old = m_span[entry];
        m_spanOwner[old] = RecordSearch::NoEntry;
        m_deadBytes += m_spanStart[old + 1] - m_spanStart[old];
        m_span[entry] = appendSpan(entry, title);
        if (m_deadBytes >= CompactionMinimum && m_deadBytes * 2 > m_titles.size())
            compactTitles();
    }

    /// Rewrites the titles without the dead spans, in entry order.
    void compactTitles()
    {
        QByteArray titles;
        titles.reserve(m_titles.size() - m_deadBytes);
        std::vector<quint32> starts{0};
        starts.reserve(entryCount() + 1);
        for (quint32 e = 0; e < entryCount(); ++e) {
            titles.append(title(e));
            titles.append('\0');
            starts.push_back(quint32(titles.size()));
        }
        m_titles = std::move(titles);
        m_spanStart = std::move(starts);
        m_spanOwner.resize(entryCount());
        for (quint32 e = 0; e < entryCount(); ++e) {
            m_spanOwner[e] = e;
            m_span[e] = e;
        }
        m_deadBytes = 0;
    }

    // --- matching ------------------------------------------------------------------------

    std::vector<quint8> allowedGroups(const RecordSearch::Query &q) const
    {
        std::vector<quint8> allowed(size_t(m_groups.size()));
        const RecordFilter &f = q.m_filter;
        for (qsizetype g = 0; g < m_groups.size(); ++g) {
            const GroupData &group = m_groups.at(g);
            allowed[size_t(g)] = (f.vendors.isEmpty() || f.vendors.contains(group.vendor))
                && (f.recordTypes.isEmpty()
                    || f.recordTypes.contains(VendorRecordType{group.vendor, group.type}));
        }
        return allowed;
    }

    /// Reads which link types every record has (a query asks about links for the first time).
    void indexLinks(LinkRepository *repository)
    {
        if (m_linksIndexed)
            return;
        m_linkMask.resize(entryCount());
        for (quint32 e = 0; e < entryCount(); ++e)
            m_linkMask[e] = maskOf(repository->linkTypesOf(recordKey(e)));
        m_linksIndexed = true;
    }

    static bool asksAboutLinks(const RecordFilter &f)
    {
        return f.links != RecordFilter::Links::Any || !f.linkTypes.isEmpty();
    }

    bool linksPass(const RecordSearch::Query &q, quint32 entry, LinkRepository *repository) const
    {
        const RecordFilter &f = q.m_filter;
        if (!asksAboutLinks(f))
            return true;
        const quint64 mask = m_linkMask[entry];
        if (f.links == RecordFilter::Links::WithLinks && mask == 0)
            return false;
        if (f.links == RecordFilter::Links::WithoutLinks && mask != 0)
            return false;
        if (f.linkTypes.isEmpty())
            return true;
        if (mask & q.m_linkMask & ~OverflowMask)
            return true;
        if (!(mask & q.m_linkMask & OverflowMask))
            return false;
        // A type that shares the last bit: ask the repository which types the links have.
        const RecordKey key = recordKey(entry);
        const QStringList types = repository->linkTypesOf(key);
        return std::any_of(types.cbegin(), types.cend(),
                           [&](const QString &type) { return f.linkTypes.contains(type); });
    }

    RecordKey recordKey(quint32 entry) const
    {
        const GroupData &g = m_groups.at(m_group[entry]);
        return RecordKey{g.vendor, g.account, g.type, QString::fromUtf8(id(entry))};
    }

    /// How the key string of `entry` matches the needle (which contains ':').
    quint8 keyRank(const RecordSearch::Query &q, quint32 entry) const
    {
        const QByteArray &prefix = m_groups.at(m_group[entry]).keyPrefix;
        const QByteArray &needle = q.m_needle;
        if (prefix.startsWith(needle))
            return StartRank;
        if (!needle.startsWith(prefix))
            return NoRank;
        const QByteArrayView rest = QByteArrayView(needle).sliced(prefix.size());
        QByteArrayView id = this->id(entry);
        QByteArray encoded;
        if (!std::all_of(id.begin(), id.end(), isUnreserved)) {
            encoded = QUrl::toPercentEncoding(QString::fromUtf8(id));
            id = encoded;
        }
        if (!startsWithFolded(id, rest))
            return NoRank;
        return id.size() == rest.size() ? ExactRank : StartRank;
    }

    /// The rank of one entry's text match (not counting the other parts of the filter).
    quint8 textRank(const RecordSearch::Query &q, quint32 entry) const
    {
        const QByteArray &needle = q.m_needle;
        if (needle.isEmpty())
            return ExactRank;
        quint8 rank = NoRank;
        const QByteArrayView title = this->title(entry);
        const qsizetype at = findIn(title.data(), 0, title.size(), needle);
        if (at >= 0)
            rank = titleRank(title.data(), title.size(), at, needle);
        if (rank > ExactRank)
            rank = std::min(rank, idRank(id(entry), m_idPart[entry], needle));
        if (rank > ExactRank && q.m_keyLike)
            rank = std::min(rank, keyRank(q, entry));
        return rank;
    }

    /// Per group, the entries with a rank, ordered by rank then entry.
    RecordSearch::Hits collect(const std::vector<quint32> &entries,
                               const std::vector<quint8> &ranks) const
    {
        const auto groups = size_t(m_groups.size());
        std::vector<std::array<quint32, WorstRankCount>> counts(groups);
        for (size_t i = 0; i < entries.size(); ++i)
            ++counts[m_group[entries[i]]][ranks[i]];
        RecordSearch::Hits hits(qsizetype(groups), {});
        std::vector<std::array<quint32, WorstRankCount>> next(groups);
        for (size_t g = 0; g < groups; ++g) {
            quint32 total = 0;
            for (int r = 0; r < WorstRankCount; ++r) {
                next[g][r] = total;
                total += counts[g][r];
            }
            hits[qsizetype(g)].resize(total);
        }
        for (size_t i = 0; i < entries.size(); ++i) {
            const quint32 g = m_group[entries[i]];
            const quint8 r = ranks[i];
            hits[g][next[g][r]++] = (quint32(r) << RecordSearch::RankShift) | entries[i];
        }
        return hits;
    }
    static constexpr int WorstRankCount = RecordSearch::WorstRank + 1;
};

// --- RecordSearch -----------------------------------------------------------------------------

RecordSearch::RecordSearch(LinkRepository *repository, RecordSource *source, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_source(source)
    , d(std::make_unique<RecordSearchPrivate>())
{
    connect(m_repository, &LinkRepository::aboutToReset, this, [this] {
        Q_EMIT aboutToReset();
        d->clear();
    });
    connect(m_repository, &LinkRepository::resetDone, this, [this] { Q_EMIT resetDone(); });
    connect(m_repository, &LinkRepository::accountsChanged, this, [this] {
        if (!m_source)
            reset();
    });
    connect(m_repository, &LinkRepository::recordsAdded, this, &RecordSearch::onRecordsAdded);
    connect(m_repository, &LinkRepository::recordsChanged, this, &RecordSearch::onRecordsChanged);
    connect(m_repository, &LinkRepository::linksAdded, this, &RecordSearch::onLinksAdded);
    connect(m_repository, &LinkRepository::linksRemoved, this, &RecordSearch::onLinksRemoved);
    if (m_source)
        connect(m_source, &RecordSource::accountsChanged, this, &RecordSearch::reset);
}

RecordSearch::~RecordSearch() = default;

void RecordSearch::reset()
{
    Q_EMIT aboutToReset();
    d->clear();
    Q_EMIT resetDone();
}

bool RecordSearch::isIndexed() const
{
    return d->m_built;
}

void RecordSearch::buildIndex()
{
    if (d->m_built)
        return;
    d->clear();
    d->m_built = true;
    if (const RecordSource *source = m_source.data()) {
        d->m_accounts = source->accounts();
    } else {
        for (const AccountConfig &account : m_repository->accounts())
            d->m_accounts.append(AccountInfo{account.vendor, account.id, account.name(), {}});
    }
    for (int a = 0; a < d->m_accounts.size(); ++a) {
        const AccountInfo &account = d->m_accounts.at(a);
        QStringList types;
        for (const RecordTypeInfo &info : account.recordTypes)
            types.append(info.type);
        for (const QString &type : m_repository->recordTypesOf(account.vendor, account.account)) {
            if (!types.contains(type))
                types.append(type);
        }
        for (const QString &type : std::as_const(types)) {
            const QList<RecordKey> keys
                = m_repository->recordsOfType(account.vendor, account.account, type);
            if (keys.isEmpty())
                continue;
            const int group = d->addGroup(account, a, type);
            const size_t total = d->m_group.size() + size_t(keys.size());
            d->m_group.reserve(total);
            d->m_idStart.reserve(total + 1);
            d->m_span.reserve(total);
            d->m_idPart.reserve(total);
            d->m_spanOwner.reserve(total);
            d->m_spanStart.reserve(total + 1);
            d->growTable(quint32(total));
            const QStringList titles
                = m_repository->titlesOfType(account.vendor, account.account, type);
            for (qsizetype i = 0; i < keys.size(); ++i)
                d->addEntry(group, keys.at(i), titles.value(i), m_repository);
        }
    }
    d->m_ids.squeeze();
}

qsizetype RecordSearch::entryCount() const
{
    return d->entryCount();
}

qsizetype RecordSearch::memoryUse() const
{
    const auto vectorBytes = [](const auto &v) { return qsizetype(v.capacity() * sizeof(v[0])); };
    return d->m_ids.capacity() + d->m_titles.capacity() + vectorBytes(d->m_group)
        + vectorBytes(d->m_idStart) + vectorBytes(d->m_idPart) + vectorBytes(d->m_span)
        + vectorBytes(d->m_linkMask) + vectorBytes(d->m_spanStart) + vectorBytes(d->m_spanOwner)
        + vectorBytes(d->m_table);
}

QList<AccountInfo> RecordSearch::accounts() const
{
    return d->m_accounts;
}

int RecordSearch::groupCount() const
{
    return int(d->m_groups.size());
}

const RecordSearch::Group &RecordSearch::group(int group) const
{
    return d->m_groups.at(group);
}

quint32 RecordSearch::findEntry(const RecordKey &key) const
{
    const int group = d->m_groupIndex.value({key.vendor, key.account, key.type}, -1);
    return group < 0 ? NoEntry : d->find(quint32(group), key.id.toUtf8());
}

int RecordSearch::groupOf(quint32 entry) const
{
    return int(d->m_group.at(entry));
}

RecordKey RecordSearch::recordKey(quint32 entry) const
{
    return d->recordKey(entry);
}

QByteArray RecordSearch::fold(QStringView text)
{
    QByteArray out;
    out.reserve(text.size());
    appendFolded(out, text);
    return out;
}

RecordSearch::Query RecordSearch::prepare(const RecordFilter &filter)
{
    buildIndex();
    Query q;
    q.m_filter = filter;
    q.m_needle = fold(filter.text);
    q.m_keyLike = q.m_needle.contains(':');
    if (RecordSearchPrivate::asksAboutLinks(filter))
        d->indexLinks(m_repository);
    for (const QString &type : filter.linkTypes)
        q.m_linkMask |= d->bit(type);
    return q;
}

RecordSearch::Hits RecordSearch::match(const Query &q)
{
    buildIndex();
    const std::vector<quint8> allowed = d->allowedGroups(q);
    const quint32 count = d->entryCount();
    std::vector<quint32> entries;
    std::vector<quint8> ranks;
    if (q.m_needle.isEmpty()) {
        for (quint32 e = 0; e < count; ++e) {
            if (allowed[d->m_group[e]] && d->linksPass(q, e, m_repository)) {
                entries.push_back(e);
                ranks.push_back(ExactRank);
            }
        }
        return d->collect(entries, ranks);
    }

    // One pass over every title at once; a hit skips the rest of its title.
    std::vector<quint8> rankOf(count, NoRank);
    const QByteArray &needle = q.m_needle;
    const char *titles = d->m_titles.constData();
    const qsizetype end = d->m_titles.size();
    size_t span = 0;
    for (qsizetype pos = findIn(titles, 0, end, needle); pos >= 0;) {
        while (d->m_spanStart[span + 1] <= pos)
            ++span;
        const quint32 start = d->m_spanStart[span];
        const quint32 next = d->m_spanStart[span + 1];
        const quint32 owner = d->m_spanOwner[span];
        if (owner != NoEntry && allowed[d->m_group[owner]])
            rankOf[owner] = titleRank(titles + start, next - start - 1, pos - start, needle);
        pos = next < end ? findIn(titles, next, end, needle) : -1;
    }
    // Ids and key strings, then the links: a few nanoseconds per record.
    for (quint32 e = 0; e < count; ++e) {
        if (!allowed[d->m_group[e]])
            continue;
        quint8 rank = rankOf[e];
        if (rank > ExactRank)
            rank = std::min(rank, idRank(d->id(e), d->m_idPart[e], needle));
        if (rank > ExactRank && q.m_keyLike)
            rank = std::min(rank, d->keyRank(q, e));
        if (rank != NoRank && d->linksPass(q, e, m_repository)) {
            entries.push_back(e);
            ranks.push_back(rank);
        }
    }
    return d->collect(entries, ranks);
}

bool RecordSearch::narrows(const Query &query, const Query &previous)
{
    const RecordFilter &a = query.m_filter;
    const RecordFilter &b = previous.m_filter;
    if (a.vendors != b.vendors || a.recordTypes != b.recordTypes || a.linkTypes != b.linkTypes
        || a.links != b.links) {
        return false;
    }
    // A title containing the new text contains the old one; an id or key string starting with
    // it starts with the old one. Key strings are only tried for texts with ':'.
    if (previous.m_needle.isEmpty())
        return true;
    return query.m_needle.startsWith(previous.m_needle) && query.m_keyLike == previous.m_keyLike;
}

RecordSearch::Hits RecordSearch::refine(const Query &query, const Query &previous,
                                        const Hits &previousHits)
{
    if (!narrows(query, previous) || previousHits.size() > d->m_groups.size())
        return match(query);
    std::vector<quint32> candidates;
    for (const QList<quint32> &group : previousHits) {
        for (quint32 h : group)
            candidates.push_back(entryOf(h));
    }
    // Testing records one by one beats the scan of every title for fewer than about half.
    if (candidates.size() * 2 > d->entryCount())
        return match(query);
    std::sort(candidates.begin(), candidates.end());
    const std::vector<quint8> allowed = d->allowedGroups(query);
    std::vector<quint32> entries;
    std::vector<quint8> ranks;
    for (quint32 e : candidates) {
        if (e >= d->entryCount() || !allowed[d->m_group[e]])
            continue;
        const quint8 rank = d->textRank(query, e);
        if (rank != NoRank && d->linksPass(query, e, m_repository)) {
            entries.push_back(e);
            ranks.push_back(rank);
        }
    }
    return d->collect(entries, ranks);
}

qint64 RecordSearch::hit(const Query &query, quint32 entry)
{
    buildIndex();
    if (entry >= d->entryCount())
        return -1;
    const int group = groupOf(entry);
    const RecordFilter &f = query.m_filter;
    const RecordSearchPrivate::GroupData &g = d->m_groups.at(group);
    if ((!f.vendors.isEmpty() && !f.vendors.contains(g.vendor))
        || (!f.recordTypes.isEmpty() && !f.recordTypes.contains({g.vendor, g.type}))) {
        return -1;
    }
    const quint8 rank = d->textRank(query, entry);
    if (rank == NoRank || !d->linksPass(query, entry, m_repository))
        return -1;
    return (qint64(rank) << RankShift) | entry;
}

QList<RecordKey> RecordSearch::find(const RecordFilter &filter, qsizetype limit)
{
    const Hits hits = match(prepare(filter));
    QList<RecordKey> keys;
    for (const QList<quint32> &group : hits) {
        for (quint32 h : group) {
            if (limit >= 0 && keys.size() >= limit)
                return keys;
            keys.append(recordKey(entryOf(h)));
        }
    }
    return keys;
}

// --- following the repository -----------------------------------------------------------------

void RecordSearch::onRecordsAdded(const QList<RecordKey> &keys)
{
    if (!d->m_built)
        return;
    QList<quint32> changed;
    for (const RecordKey &key : keys) {
        const int group = d->groupFor(key);
        if (group < 0)
            continue;
        const quint32 existing = d->find(quint32(group), key.id.toUtf8());
        const QString title = m_repository->title(key);
        if (existing != NoEntry) {
            d->retitle(existing, title);
            changed.append(existing);
        } else {
            changed.append(d->addEntry(group, key, title, m_repository));
        }
    }
    if (!changed.isEmpty())
        Q_EMIT entriesChanged(changed);
}

void RecordSearch::onRecordsChanged(const QList<RecordKey> &keys)
{
    if (!d->m_built)
        return;
    QList<quint32> changed;
    for (const RecordKey &key : keys) {
        const quint32 entry = findEntry(key);
        if (entry == NoEntry)
            continue;
        d->retitle(entry, m_repository->title(key));
        changed.append(entry); // even when the folded title is the same: what shows changed
    }
    if (!changed.isEmpty())
        Q_EMIT entriesChanged(changed);
}

void RecordSearch::onLinksAdded(const QList<Link> &links)
{
    if (!d->m_built || !d->m_linksIndexed)
        return;
    QList<quint32> changed;
    for (const Link &link : links) {
        const quint64 bit = d->bit(link.type);
        for (const RecordKey &end : {link.source, link.target}) {
            const quint32 entry = findEntry(end);
            if (entry == NoEntry || (d->m_linkMask[entry] & bit))
                continue;
            d->m_linkMask[entry] |= bit;
            changed.append(entry);
        }
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    if (!changed.isEmpty())
        Q_EMIT entriesChanged(changed);
}

void RecordSearch::onLinksRemoved(const QList<Link> &links)
{
    if (!d->m_built || !d->m_linksIndexed)
        return;
    QList<quint32> changed;
    QSet<quint32> seen;
    for (const Link &link : links) {
        for (const RecordKey &end : {link.source, link.target}) {
            const quint32 entry = findEntry(end);
            if (entry == NoEntry || seen.contains(entry))
                continue;
            seen.insert(entry);
            const quint64 mask = d->maskOf(m_repository->linkTypesOf(end));
            if (mask != d->m_linkMask[entry]) {
                d->m_linkMask[entry] = mask;
                changed.append(entry);
            }
        }
    }
    if (!changed.isEmpty())
        Q_EMIT entriesChanged(changed);
}
