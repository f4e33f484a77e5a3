#pragma once

#include "models/link.h"
#include "models/recordfilter.h"
#include "models/recordsource.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class LinkRepository;
class RecordSearchPrivate;

/// The search index behind the explorer's search box and filters, built for 100,000+ records:
/// a keystroke scans every title in a few milliseconds.
///
/// It indexes the full records of the accounts the RecordSource shows (all the repository's
/// accounts when there is no source), one "group" per account and record type, and keeps for
/// each record ("entry"):
/// - its title folded for matching (case folded, accents and compatibility forms removed, white
///   space runs as one space) as UTF-8, all titles in one contiguous buffer scanned at once;
/// - its vendor id, for id and key matches;
/// - which link types it has (a bit per type; types from the 64th on share the last bit and are
///   then checked against the repository), for the link filters.
/// It follows the repository's signals (records added and changed, links added and removed,
/// reset) and says which entries changed, so results can update in place.
///
/// Entries are numbered in the order they were indexed and keep their number until the index
/// is reset; within a group that is the order of LinkRepository::recordsOfType().
///
/// A query gives per group the matching entries, best first, as "hits": the rank in the top
/// bits (0: the title, id or key string equals the text; 1: starts with it; 2: a word of the
/// title starts with it; 3: the title contains it; with no text every hit has rank 0), then the
/// entry number. Typing on (the new text extends the previous one, nothing else changed) only
/// re-tests the previous matches: see refine().
///
/// The index is built on first use (about 0.12 s and 10 MB per 100,000 records); buildIndex()
/// builds it ahead, e.g. from a zero-timer once the main window has been shown. Which link
/// types each record has is read the first time a query asks about links (about 0.2 s per
/// 100,000 records and 300,000 links). Not thread-safe.
class RecordSearch : public QObject
{
    Q_OBJECT

public:
    static constexpr quint32 NoEntry = 0xffffffffu;
    /// Per group (the index of the list), the hits best first: (rank << RankShift) | entry.
    using Hits = QList<QList<quint32>>;
    static constexpr int RankShift = 30;
    static constexpr int WorstRank = 3;
    static quint32 entryOf(quint32 hit) { return hit & ((1u << RankShift) - 1); }
    static int rankOf(quint32 hit) { return int(hit >> RankShift); }

    /// A record type of one indexed account.
    struct Group
    {
        Vendor vendor = Vendor::Copper;
        QString account;
        QString type;
        QString label; ///< the account's label for the type, or the type itself
        int accountIndex = -1; ///< in accounts()
    };

    /// A filter prepared for matching. Valid until the index is reset.
    class Query
    {
    public:
        const RecordFilter &filter() const { return m_filter; }
        /// The text as it is matched (folded UTF-8); empty when there is no text.
        const QByteArray &needle() const { return m_needle; }

    private:
        friend class RecordSearch;
        friend class RecordSearchPrivate;
        RecordFilter m_filter;
        QByteArray m_needle;
        bool m_keyLike = false; ///< the text may be the start of a key string
        quint64 m_linkMask = 0; ///< bits of filter().linkTypes
    };

    explicit RecordSearch(LinkRepository *repository, RecordSource *source = nullptr,
                          QObject *parent = nullptr);
    ~RecordSearch() override;

    LinkRepository *repository() const { return m_repository; }

    // --- the index -------------------------------------------------------------------------
    bool isIndexed() const;
    /// Builds the index now if it is not built yet.
    void buildIndex();
    /// Records indexed (entries).
    qsizetype entryCount() const;
    /// Bytes the index holds (approximately).
    qsizetype memoryUse() const;

    /// The accounts indexed, in the source's order.
    QList<AccountInfo> accounts() const;
    /// Groups, in the order they were found: account by account, each account's record types
    /// in its listed order, then types it does not list, then groups that appeared later.
    int groupCount() const;
    const Group &group(int group) const;

    quint32 findEntry(const RecordKey &key) const;
    int groupOf(quint32 entry) const;
    RecordKey recordKey(quint32 entry) const;

    // --- queries (each builds the index first if needed) -----------------------------------
    Query prepare(const RecordFilter &filter);
    /// Every match of the query, group by group, best first.
    Hits match(const Query &query);
    /// The same as match(query), faster while typing: when `query` narrows `previous` (see
    /// narrows()), only `previousHits` (the current matches of `previous`) are tested again,
    /// unless they are so many (half of all records) that one scan of every title is faster.
    Hits refine(const Query &query, const Query &previous, const Hits &previousHits);
    /// Whether every match of `query` is a match of `previous`: the same filter but for a text
    /// that extends the previous one.
    static bool narrows(const Query &query, const Query &previous);
    /// The hit of one entry, or -1 when it does not match.
    qint64 hit(const Query &query, quint32 entry);
    /// The keys of the first `limit` matches (all when negative) in group order, best first
    /// within a group: for the command line and tests.
    QList<RecordKey> find(const RecordFilter &filter, qsizetype limit = -1);

    /// Folds text the way titles are folded for matching (see the class comment), as UTF-8.
    static QByteArray fold(QStringView text);

Q_SIGNALS:
    /// The index is about to be emptied (the workspace was reset or the accounts changed):
    /// entry numbers, groups and prepared queries become invalid.
    void aboutToReset();
    /// The index was emptied; it is rebuilt on next use.
    void resetDone();
    /// Entries were added, or their title or links changed; no entry twice. Only sent while
    /// the index is built.
    void entriesChanged(const QList<quint32> &entries);

private:
    void reset();
    void onRecordsAdded(const QList<RecordKey> &keys);
    void onRecordsChanged(const QList<RecordKey> &keys);
    void onLinksAdded(const QList<Link> &links);
    void onLinksRemoved(const QList<Link> &links);

    LinkRepository *m_repository;
    QPointer<RecordSource> m_source;
    std::unique_ptr<RecordSearchPrivate> d;
};
