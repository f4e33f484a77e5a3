#pragma once

#include "models/account.h"
#include "models/intent.h"
#include "models/link.h"
#include "models/linktype.h"
#include "models/record.h"
#include "models/result.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class LinkRepositoryPrivate;

/// The single source of truth for records and links. Every view is a model over it; connectors
/// fill it; the outbox changes it.
///
/// Everything lives in memory behind indexes (records by key, records by vendor/account/type,
/// links by record, links by key) and is written through to an SQLite workspace file (WAL
/// journal, schema version with migrations). Each change is one transaction: it is written to
/// the file first and applied in memory only when the commit succeeded, so a failed or
/// interrupted write leaves both the file and the memory exactly as they were.
///
/// Signals come in about-to/done pairs around each change, KeePassXC style: listeners get the
/// about-to signal while the repository still shows the old state and the done signal once it
/// shows the new one. A change that does nothing emits nothing.
///
/// Records that are only known as the end of a link are "stubs": record() returns them with an
/// empty title, neighbours() lists them, but recordsOfType() does not until a full record with
/// that key is upserted.
///
/// Not thread-safe: use it from the thread that created it.
class LinkRepository : public QObject
{
    Q_OBJECT

public:
    /// The schema this build writes. Older files are migrated on open; newer ones are refused.
    static constexpr int SchemaVersion = 5;

    explicit LinkRepository(QObject *parent = nullptr);
    ~LinkRepository() override;

    /// Where the demo workspace lives: <AppDataLocation>/demo.linkloom.
    static QString defaultWorkspacePath();

    /// Opens (or creates) a workspace file and loads it into memory. The folder is created with
    /// owner-only permissions (0700) and the file is owner-only (0600). Refuses, without writing
    /// anything, a file that is not a Linkloom workspace or whose schema is newer than this
    /// build. Closes the workspace that was open before. Emits aboutToReset()/resetDone().
    Result open(const QString &path);
    /// Closes the file and empties the memory. Emits aboutToReset()/resetDone().
    void close();
    bool isOpen() const;
    QString path() const;

    // --- accounts (kept in the workspace; never secrets) ----------------------------------
    /// The workspace's accounts, in the order they were added.
    QList<AccountConfig> accounts() const;
    std::optional<AccountConfig> account(Vendor vendor, const QString &id) const;
    /// Adds an account, or replaces the one of the same vendor and id in its place. Emits
    /// accountsChanged().
    Result saveAccount(const AccountConfig &account);
    /// Forgets an account (its records and links stay in the file, out of the explorer's
    /// view). Unknown accounts are ignored. Emits accountsChanged() when one was removed.
    Result removeAccount(Vendor vendor, const QString &id);

    // --- link types (the kinds of link each account offers, as last read) ------------------
    /// The link types of an account, in the order they were saved; empty when never read.
    QList<LinkType> linkTypes(Vendor vendor, const QString &account) const;
    /// One link type of an account, std::nullopt when unknown.
    std::optional<LinkType> linkType(Vendor vendor, const QString &account,
                                     const QString &id) const;
    /// Makes `types` the account's link types (replacing those saved before). Emits
    /// linkTypesChanged() when they differ.
    Result saveLinkTypes(Vendor vendor, const QString &account, const QList<LinkType> &types);

    // --- queries (memory only, fast) -------------------------------------------------------
    /// The record, a stub (empty title) when it is only known through a link, or nullopt.
    std::optional<Record> record(const RecordKey &key) const;
    bool contains(const RecordKey &key) const;
    /// Full (non-stub) records of one vendor account and type, in the order they were first
    /// upserted.
    QList<RecordKey> recordsOfType(Vendor vendor, const QString &account,
                                   const QString &type) const;
    /// How many full records of one vendor account and type the workspace holds (cheap).
    qsizetype recordCountOfType(Vendor vendor, const QString &account, const QString &type) const;
    /// When every record of the type was last read from the vendor (invalid: never).
    QDateTime lastSynced(Vendor vendor, const QString &account, const QString &type) const;
    /// Notes that every record of the type was read at `when`. Emits syncTimesChanged().
    Result markSynced(Vendor vendor, const QString &account, const QString &type,
                      const QDateTime &when);
    /// The record types of which the account has full records, in the order they first came.
    QStringList recordTypesOf(Vendor vendor, const QString &account) const;
    /// Every link that has `key` as source or target, in the order they were first added.
    QList<Link> linksOf(const RecordKey &key) const;
    /// The other ends of linksOf(key), without duplicates, in the same order.
    QList<RecordKey> neighbours(const RecordKey &key) const;
    /// The title of a record (empty for stubs and unknown keys) without decoding its fields:
    /// cheaper than record() where only the title is needed (lists, the search index).
    QString title(const RecordKey &key) const;
    /// The titles of recordsOfType(), in the same order, read in one pass (indexes).
    QStringList titlesOfType(Vendor vendor, const QString &account, const QString &type) const;
    /// The type of each link in linksOf(key), in the same order, without building the links:
    /// cheaper where only the kinds of link matter (filters, counts).
    QStringList linkTypesOf(const RecordKey &key) const;
    std::optional<Link> link(const LinkKey &key) const;
    qsizetype recordCount() const; ///< full records and stubs
    qsizetype linkCount() const;

    // --- changes (each is one transaction, all or nothing) ---------------------------------
    /// Inserts new records and replaces title/fields/webUrl of existing ones (a stub becomes a
    /// full record). Records that did not change are skipped.
    Result upsertRecords(const QList<Record> &records);
    /// Inserts new links and updates existing ones (same key()): type-specific data, state,
    /// vendor link id, error. Ends that are not known yet become stubs.
    Result upsertLinks(const QList<Link> &links);
    /// Removes the links with these keys; unknown keys are ignored.
    Result removeLinks(const QList<LinkKey> &keys);
    // --- intents: the user's link changes until the vendor has them (the outbox) -----------
    /// Pending, Sending and Failed intents, oldest first.
    QList<Intent> openIntents() const;
    /// An open intent, std::nullopt when unknown or closed.
    std::optional<Intent> intent(qint64 id) const;
    /// The open intent for the link with this key, if any (a link has at most one).
    std::optional<Intent> openIntentFor(const LinkKey &key) const;
    /// Writes a new Pending intent and shows its link as Pending, in one transaction, and sets
    /// `intent`'s id, state and times. AddLink: the link must not exist yet, except as a failed
    /// one; RemoveLink: it must exist, confirmed. Refused, with a message for the user, when the
    /// link already has an open intent or its ends are not one vendor account. Emits the link
    /// signals, then intentsChanged().
    Result addIntent(Intent &intent);
    /// Moves an open intent on, with its link, in one transaction:
    /// - Sending (from Pending or Failed): one more attempt; the link is Pending;
    /// - Pending (from Sending or Failed): to be sent again; the link is Pending;
    /// - Confirmed (from Pending or Sending): an added link becomes Confirmed (with
    ///   `vendorLinkId` when given), a removed one goes; the intent is closed;
    /// - Failed (from Pending or Sending): the link shows Failed with `message`;
    /// - Discarded (from Pending or Failed, never while Sending): an added link goes, a removed
    ///   one is Confirmed again; the intent is closed.
    /// Other moves are refused. Emits the link signals, then intentsChanged().
    Result setIntentState(qint64 id, Intent::State state, const QString &message = {},
                          const QString &vendorLinkId = {});

    /// Sync: makes the Confirmed links of `linkType` (of every type when it is empty) that touch
    /// `record` exactly `links` (inserting, updating and removing as needed). Pending and Failed
    /// links are left alone, so a refresh never discards a change the user has not seen confirmed.
    Result replaceLinksOf(const RecordKey &record, const QString &linkType,
                          const QList<Link> &links);

Q_SIGNALS:
    void aboutToReset();
    void resetDone();
    void accountsChanged();
    void linkTypesChanged(Vendor vendor, const QString &account);
    /// openIntents() changed (an intent was added, moved on or closed).
    void intentsChanged();
    void syncTimesChanged(Vendor vendor, const QString &account, const QString &type);

    /// New full records (including stubs that became full), listed by recordsOfType() after
    /// recordsAdded().
    void recordsAboutToBeAdded(const QList<RecordKey> &keys);
    void recordsAdded(const QList<RecordKey> &keys);
    /// Title, fields or web URL of existing full records changed.
    void recordsAboutToChange(const QList<RecordKey> &keys);
    void recordsChanged(const QList<RecordKey> &keys);

    void linksAboutToBeAdded(const QList<Link> &links);
    void linksAdded(const QList<Link> &links);
    /// `links` are the old values; after linksChanged() link(key) gives the new ones.
    void linksAboutToChange(const QList<Link> &links);
    void linksChanged(const QList<Link> &links);
    void linksAboutToBeRemoved(const QList<Link> &links);
    void linksRemoved(const QList<Link> &links);

private:
    std::unique_ptr<LinkRepositoryPrivate> d;
};
