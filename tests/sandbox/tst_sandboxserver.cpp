// SandboxServer's own switches: the vendors' rate limits on and off, and HTTPS with a given
// certificate (what bench_sync measures the live vendors' transport with).

#include "sandbox/coppersandbox.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxServer : public QObject
{
    Q_OBJECT

private slots:
    void rateLimitsOffAndOn();
    void tlsRefusesBadFiles_data();
    void tlsRefusesBadFiles();
    void tlsServesHttpsToClientsThatTrustIt();

private:
    /// A self-signed certificate for 127.0.0.1 and its key, made by the openssl command.
    bool makeCertificate(const QString &certificate, const QString &key);
};

void TestSandboxServer::rateLimitsOffAndOn()
{
    SandboxServer server;
    QCOMPARE(server.copper().rateLimit(), CopperSandbox::RequestsPerMinute);
    QCOMPARE(server.devRev().rateLimit(), DevRevSandbox::DefaultRateLimit);
    QCOMPARE(server.laserfiche().rateLimiter().limit(), LaserficheSandbox::RateLimitPerMinute);

    server.setRateLimitsEnabled(false);
    QCOMPARE(server.copper().rateLimit(), 0);
    QCOMPARE(server.devRev().rateLimit(), 0);
    QCOMPARE(server.laserfiche().rateLimiter().limit(), 0);

    server.setRateLimitsEnabled(true);
    QCOMPARE(server.copper().rateLimit(), 180);
    QCOMPARE(server.devRev().rateLimit(), 1000);
    QCOMPARE(server.laserfiche().rateLimiter().limit(), 100);
}

bool TestSandboxServer::makeCertificate(const QString &certificate, const QString &key)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s,
                   u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s,
                   key, u"-out"_s, certificate});
    if (!openssl.waitForFinished(60'000) || openssl.exitCode() != 0) {
        qWarning() << "openssl:" << openssl.errorString() << openssl.readAll();
        return false;
    }
    return true;
}

void TestSandboxServer::tlsRefusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing certificate") << QByteArray() << QByteArray("x") << u"cannot read"_s;
    QTest::newRow("not a certificate") << QByteArray("-----BEGIN CERTIFICATE-----\nnot base64\n")
                                       << QByteArray("x") << u"no PEM certificate"_s;
}

void TestSandboxServer::tlsRefusesBadFiles()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QByteArray, key);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificateFile = dir.filePath(u"certificate.pem"_s);
    const QString keyFile = dir.filePath(u"key.pem"_s);
    if (!certificate.isEmpty()) {
        QFile file(certificateFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(certificate);
    }
    QFile keyOut(keyFile);
    QVERIFY(keyOut.open(QIODevice::WriteOnly));
    keyOut.write(key);
    keyOut.close();

    SandboxServer server;
    QString message;
    QVERIFY(!server.setTls(certificateFile, keyFile, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY(server.start() != 0);
    QCOMPARE(server.baseUrl(Vendor::Pm415).scheme(), u"http"_s); // still plain HTTP
}

void TestSandboxServer::tlsServesHttpsToClientsThatTrustIt()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificate = dir.filePath(u"certificate.pem"_s);
    const QString key = dir.filePath(u"key.pem"_s);
    QVERIFY(makeCertificate(certificate, key));

    SandboxServer server;
    QString message;
    QVERIFY2(!server.setTls(certificate, certificate, &message), "a certificate is not a key");
    QVERIFY2(message.contains(u"private key"_s), qPrintable(message));
    QVERIFY2(server.setTls(certificate, key, &message), qPrintable(message));
    QVERIFY(server.start() != 0);
    const QUrl base = server.baseUrl(Vendor::Pm415);
    QCOMPARE(base.scheme(), u"https"_s);
    QCOMPARE(base.host(), u"127.0.0.1"_s);

    // A manager each: one keeps its connections, with the configuration they were made with.
    const auto get = [&](const QSslConfiguration &tls) {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(base.toString() + u"/connections/bug/item/1"_s));
        request.setSslConfiguration(tls);
        request.setRawHeader("Authorization", "Bearer "_ba + SandboxServer::Pm415ApiKey);
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        [&] { QVERIFY(finished.wait(10'000)); }();
        const auto answer = std::pair{
            reply->error(), reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()};
        delete reply;
        return answer;
    };

    // Checks stay on: without the certificate among its authorities a client refuses it.
    const auto [untrustedError, untrustedStatus] = get(QSslConfiguration::defaultConfiguration());
    QCOMPARE(untrustedError, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(untrustedStatus, 0);

    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificates(certificate, QSsl::Pem);
    const auto [error, status] = get(trusting);
    QCOMPARE(error, QNetworkReply::NoError);
    QCOMPARE(status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
