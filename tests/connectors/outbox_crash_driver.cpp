// Drives the outbox of one workspace against a pm415 server, and kills itself (SIGKILL, as
// kill -9 would) at a chosen stage; tst_outboxcrash runs it again afterwards and checks that
// every change was applied exactly once.
//
// Usage: outbox_crash_driver WORKSPACE BASE_URL STAGE [BUG:INITIATIVE ...]
//   STAGE  pending   dies right after the changes are written (nothing sent)
//          sending   dies the moment a change is marked Sending (its request not sent)
//          answered  dies when pm415 has answered a write (applied, not yet recorded)
//          none      runs until every change is settled: exit 0, or 1 after 30 s
//   BUG:INITIATIVE  pm415 ids: a link to add (only when the workspace has no intent yet)

#include "connectors/networkmanager.h"
#include "connectors/outbox.h"
#include "connectors/pm415/pm415connector.h"
#include "models/linkrepository.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void die()
{
    std::fflush(nullptr);
    std::raise(SIGKILL);
    std::abort(); // not reached
}

/// Dies when the answer to a write (POST) has arrived: the vendor applied it.
class DyingNetworkManager : public NetworkManager
{
public:
    bool dieOnAnswer = false;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        QNetworkReply *reply = NetworkManager::createRequest(op, request, outgoingData);
        if (dieOnAnswer && op == PostOperation)
            connect(reply, &QNetworkReply::finished, reply, [] { die(); });
        return reply;
    }
};

RecordKey key(const QString &type, const QString &id)
{
    return {Vendor::Pm415, u"roadmap"_s, type, id};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return 2;
    const QString stage = args.at(3);

    LinkRepository repository;
    if (const Result opened = repository.open(args.at(1)); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.message()));
        return 1;
    }
    DyingNetworkManager network;
    network.dieOnAnswer = stage == u"answered"_s;
    const AccountConfig account{Vendor::Pm415,    u"roadmap"_s, u"Roadmap"_s,
                                QUrl(args.at(2)), {},           {}};
    Pm415Connector connector(account, QString::fromLatin1(SandboxServer::Pm415ApiKey), &network);
    connector.client()->setRetryPolicy({3, 5, 20, 100});
    Outbox outbox(&repository, [&connector](Vendor vendor, const QString &id) {
        return vendor == Vendor::Pm415 && id == u"roadmap"_s ? &connector : nullptr;
    });
    outbox.setRetryDelays(20, 100);
    if (stage == u"sending"_s) {
        QObject::connect(&repository, &LinkRepository::intentsChanged, &app, [&repository] {
            for (const Intent &intent : repository.openIntents()) {
                if (intent.state == Intent::State::Sending)
                    die();
            }
        });
    }

    if (repository.openIntents().isEmpty()) {
        for (const QString &pair : args.mid(4)) {
            const QStringList ids = pair.split(u':');
            if (ids.size() != 2)
                return 2;
            const Link link{key(u"bug"_s, ids.at(0)),
                            key(u"initiative"_s, ids.at(1)),
                            u"connection"_s,
                            LinkDirection::Undirected,
                            {},
                            LinkState::Pending,
                            {}};
            if (const Result added = outbox.addLink(link); !added) {
                std::fprintf(stderr, "%s\n", qPrintable(added.message()));
                return 1;
            }
        }
        if (stage == u"pending"_s)
            die();
    }

    outbox.start();
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &app, [] { QCoreApplication::exit(1); });
    deadline.start(30'000);
    const auto check = [&] {
        if (repository.openIntents().isEmpty() && outbox.activeCount() == 0)
            QCoreApplication::exit(0);
    };
    QObject::connect(&outbox, &Outbox::intentSettled, &app, check, Qt::QueuedConnection);
    QTimer::singleShot(0, &app, check);
    return QCoreApplication::exec();
}
