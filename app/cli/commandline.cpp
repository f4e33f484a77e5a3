#include "app/cli/commandline.h"

#include "connectors/connector.h"
#include "connectors/connectorfactory.h"
#include "connectors/keychainsecretstore.h"
#include "connectors/laserfiche/laserfichesignin.h"
#include "connectors/networkmanager.h"
#include "connectors/secretstore.h"
#include "connectors/sync/accountsync.h"
#include "models/linkrepository.h"
#include "models/linkrules.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const char *const Help = QT_TRANSLATE_NOOP("CommandLine", R"(Commands:
  accounts                        the workspace's accounts
  add-account VENDOR:ID --url URL [--name NAME] [--user E-MAIL] [--option KEY=VALUE]...
                                  adds or changes an account (never its secret)
  remove-account VENDOR:ID        forgets an account
  sync VENDOR:ID                  reads every record and link of the account
  records VENDOR:ID [--type TYPE] the records the workspace holds
  links RECORD [--refresh]        a record's links (--refresh: read them from the vendor first)
  link RECORD RECORD [--type T]   creates a link, checked against the vendor's rules first
  unlink RECORD RECORD --type T   removes a link

VENDOR is copper, devrev, pm415 or laserfiche. RECORD is vendor:account:type:id, as the
records and links commands print it. A link goes from the first RECORD to the second where
its type allows either way.

Secrets are read from the environment, never from the command line:
  LINKLOOM_SECRET_<VENDOR>_<ACCOUNT>   e.g. LINKLOOM_SECRET_COPPER_SALES for copper:sales
                                       (letters upper-cased, anything else as _)

Exit codes: 0 done; 1 the vendor refused or could not be reached, or no secret is set; 2 bad
usage; 3 the workspace cannot be opened or written; 4 the vendor's rules do not allow the
link (no change was sent).)");

QJsonObject recordJson(const Record &record)
{
    return {{"key"_L1, record.key.toString()},
            {"type"_L1, record.key.type},
            {"id"_L1, record.key.id},
            {"title"_L1, record.title}};
}

QJsonObject linkJson(const Link &link)
{
    static const char *const States[] = {"confirmed", "pending", "failed"};
    QJsonObject json{{"source"_L1, link.source.toString()},
                     {"target"_L1, link.target.toString()},
                     {"type"_L1, link.type},
                     {"directed"_L1, link.direction == LinkDirection::Directed},
                     {"state"_L1, QLatin1StringView(States[int(link.state)])}};
    if (!link.vendorLinkId.isEmpty())
        json.insert("vendorLinkId"_L1, link.vendorLinkId);
    return json;
}

/// One line of text output: tab-separated, with tabs and line breaks in values made spaces.
QString row(QStringList fields)
{
    for (QString &field : fields)
        field.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    return fields.join(u'\t');
}

} // namespace

CommandLine::CommandLine(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

CommandLine::~CommandLine() = default;

QString CommandLine::secretVariable(Vendor vendor, const QString &account)
{
    QString name = u"LINKLOOM_SECRET_"_s + vendorId(vendor) + u'_' + account;
    for (QChar &c : name) {
        if (c.unicode() > 127 || !c.isLetterOrNumber())
            c = u'_';
    }
    return name.toUpper();
}

int CommandLine::usage(const QString &problem)
{
    m_err << problem << '\n' << tr("Run “linkloom-cli --help” for the commands.") << '\n';
    return Usage;
}

int CommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists, syncs and links the records of a Linkloom workspace.") + u"\n\n"_s + tr(Help));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        u"workspace"_s, tr("The workspace <file> (default: the demo workspace)."), tr("file"));
    const QCommandLineOption jsonOption(u"json"_s, tr("Print JSON instead of text."));
    const QCommandLineOption typeOption(u"type"_s, tr("A record or link type."), tr("type"));
    const QCommandLineOption urlOption(u"url"_s, tr("The account's API base URL."), tr("url"));
    const QCommandLineOption nameOption(u"name"_s, tr("The account's name."), tr("name"));
    const QCommandLineOption userOption(u"user"_s, tr("Copper: the API key owner's e-mail."),
                                        tr("e-mail"));
    const QCommandLineOption optionOption(u"option"_s, tr("A vendor setting (repeatable)."),
                                          tr("key=value"));
    const QCommandLineOption refreshOption(u"refresh"_s, tr("Read from the vendor first."));
    parser.addOptions({workspaceOption, jsonOption, typeOption, urlOption, nameOption, userOption,
                       optionOption, refreshOption});
    parser.addPositionalArgument(u"command"_s, tr("What to do (see Commands)."));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        m_out << parser.helpText();
        return Done;
    }
    if (parser.isSet(u"version"_s)) {
        m_out << QCoreApplication::applicationName() << ' '
              << QCoreApplication::applicationVersion() << '\n';
        return Done;
    }
    QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return usage(tr("No command given."));
    const QString command = args.takeFirst();
    // Before the workspace is opened: a mistyped command must not create a workspace file.
    static const QStringList Commands{u"accounts"_s, u"add-account"_s, u"remove-account"_s,
                                      u"sync"_s,     u"records"_s,     u"links"_s,
                                      u"link"_s,     u"unlink"_s};
    if (!Commands.contains(command))
        return usage(tr("Unknown command “%1”.").arg(command));
    m_json = parser.isSet(jsonOption);
    m_typeFilter = parser.value(typeOption);
    m_linkType = parser.value(typeOption);

    m_repository = std::make_unique<LinkRepository>();
    const QString path = parser.isSet(workspaceOption)
        ? QFileInfo(parser.value(workspaceOption)).absoluteFilePath()
        : LinkRepository::defaultWorkspacePath();
    if (const Result opened = m_repository->open(path); !opened) {
        m_err << opened.message() << '\n';
        return WorkspaceFailed;
    }
    m_network = std::make_unique<NetworkManager>();

    if (command == "accounts"_L1)
        return args.isEmpty() ? accounts() : usage(tr("“accounts” takes no argument."));
    if (command == "add-account"_L1) {
        if (args.size() != 1 || !parser.isSet(urlOption))
            return usage(tr("Use: add-account VENDOR:ID --url URL"));
        const qsizetype colon = args.first().indexOf(u':');
        const auto vendor = vendorFromId(QStringView(args.first()).left(colon));
        if (colon < 1 || !vendor)
            return usage(tr("“%1” is not VENDOR:ID.").arg(args.first()));
        AccountConfig account{*vendor,
                              args.first().mid(colon + 1),
                              parser.value(nameOption),
                              QUrl(parser.value(urlOption), QUrl::StrictMode),
                              parser.value(userOption),
                              {}};
        if (const auto old = m_repository->account(account.vendor, account.id)) {
            account.options = old->options;
            if (!parser.isSet(nameOption))
                account.displayName = old->displayName;
            if (!parser.isSet(userOption))
                account.user = old->user;
        }
        for (const QString &option : parser.values(optionOption)) {
            const qsizetype equals = option.indexOf(u'=');
            if (equals < 1)
                return usage(tr("“%1” is not KEY=VALUE.").arg(option));
            account.options.insert(option.left(equals), option.mid(equals + 1));
        }
        const QString scheme = account.baseUrl.scheme();
        if (!account.baseUrl.isValid() || (scheme != "https"_L1 && scheme != "http"_L1))
            return usage(tr("“%1” is not an http(s) URL.").arg(parser.value(urlOption)));
        if (account.vendor == Vendor::Copper && !account.user.contains(u'@')) {
            return usage(
                tr("A Copper account needs --user E-MAIL: the user the API key belongs to."));
        }
        // The rules the app applies: the id, plain http only to this computer, no user info.
        if (const QString problem = accountProblem(account); !problem.isEmpty())
            return usage(problem);
        if (const Result saved = m_repository->saveAccount(account); !saved) {
            m_err << saved.message() << '\n';
            return WorkspaceFailed;
        }
        return Done;
    }
    if (command == "remove-account"_L1)
        return args.size() == 1 ? removeAccount(args) : usage(tr("Use: remove-account VENDOR:ID"));
    if (command == "sync"_L1)
        return args.size() == 1 ? sync(args) : usage(tr("Use: sync VENDOR:ID"));
    if (command == "records"_L1)
        return args.size() == 1 ? records(args) : usage(tr("Use: records VENDOR:ID"));
    if (command == "links"_L1) {
        if (args.size() != 1)
            return usage(tr("Use: links RECORD"));
        if (parser.isSet(refreshOption)) {
            const auto key = recordArgument(args.first());
            const auto account
                = key ? accountArgument(vendorId(key->vendor) + u':' + key->account) : std::nullopt;
            if (!key || !account)
                return Usage;
            Connector *connector = connectorFor(*account);
            if (!connector)
                return VendorFailed;
            std::unique_ptr<ConnectorOperation> op(connector->readLinks(*key, nullptr));
            if (!wait(op.get()))
                return VendorFailed;
            // What the answers said about the other ends, where the workspace knows less (as
            // the app's SyncService does).
            QList<Record> known;
            for (const Record &other : op->records()) {
                const auto stored = m_repository->record(other.key);
                if (!other.title.isEmpty() && (!stored || stored->title.isEmpty()))
                    known.append(other);
            }
            if (const Result stored = m_repository->upsertRecords(known); !stored) {
                m_err << stored.message() << '\n';
                return WorkspaceFailed;
            }
            if (const Result stored = m_repository->replaceLinksOf(*key, QString(), op->links());
                !stored) {
                m_err << stored.message() << '\n';
                return WorkspaceFailed;
            }
        }
        return links(args);
    }
    if (command == "link"_L1 || command == "unlink"_L1) {
        if (args.size() != 2 || (command == "unlink"_L1 && m_linkType.isEmpty()))
            return usage(command == "link"_L1 ? tr("Use: link RECORD RECORD [--type TYPE]")
                                              : tr("Use: unlink RECORD RECORD --type TYPE"));
        return link(args, command == "link"_L1);
    }
    return usage(tr("Unknown command “%1”.").arg(command));
}

std::optional<AccountConfig> CommandLine::accountArgument(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    const auto vendor = colon > 0 ? vendorFromId(QStringView(text).left(colon)) : std::nullopt;
    if (!vendor) {
        usage(tr("“%1” is not VENDOR:ID (e.g. copper:sales).").arg(text));
        return std::nullopt;
    }
    const auto account = m_repository->account(*vendor, text.mid(colon + 1));
    if (!account) {
        m_err << tr("The workspace has no account “%1”. Add it with add-account.").arg(text)
              << '\n';
    }
    return account;
}

std::optional<RecordKey> CommandLine::recordArgument(const QString &text)
{
    const auto key = RecordKey::fromString(text);
    if (!key || !key->isValid())
        usage(tr("“%1” is not a record (vendor:account:type:id).").arg(text));
    return key;
}

Connector *CommandLine::connectorFor(const AccountConfig &account)
{
    const QString variable = secretVariable(account.vendor, account.id);
    const QString secret = qEnvironmentVariable(variable.toLatin1().constData());
    QString error;
    if (account.vendor == Vendor::Laserfiche) {
        // The sign-in's refresh token: from the variable (in memory: Laserfiche rotates it, so
        // a token given that way serves one run), else from the system keychain, where the
        // app keeps it and where the rotated one is written back.
        if (!secret.isEmpty()) {
            auto memory = std::make_unique<MemorySecretStore>();
            memory->write(LaserficheSignIn::refreshTokenKey(account.id), secret.toUtf8(),
                          memory.get(), [](const SecretResult &) {});
            m_secrets = std::move(memory);
        } else {
            m_secrets = std::make_unique<KeychainSecretStore>();
        }
        m_signIn = std::make_unique<LaserficheSignIn>(account, m_secrets.get(), m_network.get());
        m_connector.reset(makeConnector(account, {}, m_network.get(), &error, m_signIn.get()));
    } else {
        if (secret.isEmpty()) {
            m_err << tr("No credential for %1: set the environment variable %2.")
                         .arg(vendorId(account.vendor) + u':' + account.id, variable)
                  << '\n';
            return nullptr;
        }
        m_connector.reset(makeConnector(account, secret, m_network.get(), &error));
    }
    if (!m_connector)
        m_err << error << '\n';
    else if (m_connectorHook)
        m_connectorHook(*m_connector);
    return m_connector.get();
}

bool CommandLine::wait(ConnectorJob *job)
{
    if (!job->isFinished()) {
        QEventLoop loop;
        QObject::connect(job, &ConnectorJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (job->error().isError()) {
        m_err << job->error().message << '\n';
        return false;
    }
    return true;
}

int CommandLine::accounts()
{
    QJsonArray list;
    for (const AccountConfig &account : m_repository->accounts()) {
        const QString id = vendorId(account.vendor) + u':' + account.id;
        if (m_json) {
            list.append(QJsonObject{{"account"_L1, id},
                                    {"name"_L1, account.name()},
                                    {"url"_L1, account.baseUrl.toString()}});
        } else {
            m_out << row({id, account.name(), account.baseUrl.toString()}) << '\n';
        }
    }
    if (m_json)
        m_out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    return Done;
}

int CommandLine::removeAccount(const QStringList &args)
{
    const auto account = accountArgument(args.first());
    if (!account)
        return Usage;
    if (const Result removed = m_repository->removeAccount(account->vendor, account->id);
        !removed) {
        m_err << removed.message() << '\n';
        return WorkspaceFailed;
    }
    return Done;
}

int CommandLine::sync(const QStringList &args)
{
    const auto account = accountArgument(args.first());
    if (!account)
        return Usage;
    Connector *connector = connectorFor(*account);
    if (!connector)
        return VendorFailed;
    AccountSync sync(connector, m_repository.get());
    QEventLoop loop;
    QObject::connect(&sync, &AccountSync::finished, &loop, &QEventLoop::quit);
    qsizetype reported = 0;
    QObject::connect(&sync, &AccountSync::progress, &loop,
                     [this, &reported](qsizetype done, qsizetype total, const QString &) {
                         if (done - reported >= 100 || done == total) {
                             reported = done;
                             m_err << tr("%1 of %2").arg(done).arg(total) << '\n';
                             m_err.flush();
                         }
                     });
    sync.start();
    loop.exec();
    if (m_json) {
        m_out << QJsonDocument(QJsonObject{{"records"_L1, sync.recordCount()},
                                           {"links"_L1, sync.linkCount()},
                                           {"errors"_L1, sync.errorCount()}})
                     .toJson(QJsonDocument::Indented);
    } else {
        m_out << sync.summary() << '\n';
    }
    if (!sync.result().ok()) {
        m_err << sync.result().message() << '\n';
        return VendorFailed;
    }
    return Done;
}

int CommandLine::records(const QStringList &args)
{
    const auto account = accountArgument(args.first());
    if (!account)
        return Usage;
    QJsonArray list;
    QStringList types;
    if (!m_typeFilter.isEmpty()) {
        types.append(m_typeFilter);
    } else {
        types = m_repository->recordTypesOf(account->vendor, account->id);
    }
    for (const QString &type : std::as_const(types)) {
        for (const RecordKey &key :
             m_repository->recordsOfType(account->vendor, account->id, type)) {
            const Record record = m_repository->record(key).value_or(Record{key, {}, {}, {}});
            if (m_json)
                list.append(recordJson(record));
            else
                m_out << row({key.toString(), record.title}) << '\n';
        }
    }
    if (m_json)
        m_out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    return Done;
}

int CommandLine::links(const QStringList &args)
{
    const auto key = recordArgument(args.first());
    if (!key)
        return Usage;
    QJsonArray list;
    for (const Link &link : m_repository->linksOf(*key)) {
        if (!m_typeFilter.isEmpty() && link.type != m_typeFilter)
            continue;
        if (m_json) {
            list.append(linkJson(link));
        } else {
            const RecordKey other = link.otherEnd(*key);
            const auto otherRecord = m_repository->record(other);
            const bool outgoing = link.source == *key;
            m_out << row({link.type,
                          link.direction == LinkDirection::Undirected ? u"-"_s
                              : outgoing                              ? u"->"_s
                                                                      : u"<-"_s,
                          other.toString(), otherRecord ? otherRecord->title : QString()})
                  << '\n';
        }
    }
    if (m_json)
        m_out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    return Done;
}

int CommandLine::link(const QStringList &args, bool add)
{
    const auto first = recordArgument(args.at(0));
    const auto second = first ? recordArgument(args.at(1)) : std::nullopt;
    if (!first || !second)
        return Usage;
    const auto account = accountArgument(vendorId(first->vendor) + u':' + first->account);
    if (!account)
        return Usage;
    Connector *connector = connectorFor(*account);
    if (!connector)
        return VendorFailed;

    std::unique_ptr<ConnectorOperation> types(connector->listLinkTypes(nullptr));
    if (!wait(types.get()))
        return VendorFailed;
    Link link;
    if (add) {
        const LinkVerdict verdict
            = LinkRules::check(*first, *second, types->linkTypes(), m_repository.get());
        QList<LinkChoice> choices = verdict.choices;
        if (!m_linkType.isEmpty())
            choices.removeIf([&](const LinkChoice &c) { return c.type.id != m_linkType; });
        if (choices.isEmpty()) {
            const bool linked
                = std::ranges::any_of(m_repository->linksOf(*first), [&](const Link &l) {
                      return l.type == m_linkType && l.touches(*second)
                          && l.state != LinkState::Failed;
                  });
            m_err << (!verdict.allowed() ? verdict.reason
                          : linked ? tr("These records are already linked by “%1”.").arg(m_linkType)
                                   : tr("A link of type “%1” is not allowed here.").arg(m_linkType))
                  << '\n';
            return RefusedByRules;
        }
        // One type that fits both ways (is_related_to, is_parent_of): the link goes from the
        // first record to the second, as they were named; swapping them gives the other way.
        if (choices.size() > 1 && std::ranges::all_of(choices, [&](const LinkChoice &c) {
                return c.type.id == choices.first().type.id;
            })) {
            choices.removeIf([](const LinkChoice &c) { return c.reversed; });
        }
        if (choices.size() > 1) {
            m_err << tr("More than one link type fits; choose one with --type:") << '\n';
            QStringList listed;
            for (const LinkChoice &choice : std::as_const(choices)) {
                if (!listed.contains(choice.type.id)) {
                    listed.append(choice.type.id);
                    m_err << "  " << choice.type.id << "  (" << choice.label() << ")\n";
                }
            }
            return Usage;
        }
        link = choices.first().link(*first, *second);
    } else {
        const auto type = std::ranges::find(types->linkTypes(), m_linkType, &LinkType::id);
        if (type == types->linkTypes().end()) {
            m_err << tr("The account has no link type “%1”.").arg(m_linkType) << '\n';
            return Usage;
        }
        link = Link{*first, *second, type->id, type->direction, {}, LinkState::Confirmed, {}};
        if (const auto known = m_repository->link(link.key()))
            link = *known;
    }

    std::unique_ptr<ConnectorOperation> op(add ? connector->createLink(link, nullptr)
                                               : connector->deleteLink(link, nullptr));
    if (!wait(op.get()))
        return VendorFailed;
    Result stored;
    if (add) {
        QList<Link> made = op->links().isEmpty() ? QList<Link>{link} : op->links();
        for (Link &confirmed : made)
            confirmed.state = LinkState::Confirmed;
        stored = m_repository->upsertLinks(made);
    } else {
        stored = m_repository->removeLinks({link.key()});
    }
    if (!stored) {
        m_err << stored.message() << '\n';
        return WorkspaceFailed;
    }
    if (m_json)
        m_out << QJsonDocument(linkJson(add ? op->links().value(0, link) : link))
                     .toJson(QJsonDocument::Indented);
    else
        m_out << (add ? tr("Linked: %1") : tr("Unlinked: %1"))
                     .arg(row({link.source.toString(), link.type, link.target.toString()}))
              << '\n';
    return Done;
}
