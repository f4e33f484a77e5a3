#include "ui/accounteditdialog.h"

#include "models/accountservice.h"
#include "resources/icons.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// "Sales team (EU)" -> "sales-team-eu": a starting point for a new account's id.
QString idFromName(const QString &name)
{
    static const QRegularExpression other(u"[^a-z0-9]+"_s);
    QString id = name.toLower().replace(other, u"-"_s);
    while (id.startsWith(u'-'))
        id.remove(0, 1);
    while (id.endsWith(u'-'))
        id.chop(1);
    return id.left(64);
}

} // namespace

AccountEditDialog::AccountEditDialog(AccountService *service, const AccountConfig &account,
                                     bool isNew, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_original(account)
    , m_isNew(isNew)
{
    const Vendor vendor = account.vendor;
    const QString vendorName = vendorDisplayName(vendor);
    setWindowTitle(isNew ? tr("Add %1 Account").arg(vendorName)
                         : tr("%1 — Account Settings").arg(account.name()));
    setWindowIcon(Icons::vendor(vendor));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name = new QLineEdit(account.displayName, this);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("e.g. Sales CRM"));
    form->addRow(tr("&Name:"), m_name);

    m_id = new QLineEdit(account.id, this);
    m_id->setObjectName(u"id"_s);
    m_id->setReadOnly(!isNew);
    m_id->setToolTip(isNew ? tr("A short, unique name Linkloom uses in record keys and on the "
                                "command line. It cannot be changed later.")
                           : tr("The id cannot be changed: record keys use it."));
    form->addRow(tr("&Id:"), m_id);
    if (isNew) {
        connect(m_id, &QLineEdit::textEdited, this, [this] { m_idEdited = true; });
        connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
            if (!m_idEdited)
                m_id->setText(idFromName(name));
        });
    }

    m_url = new QLineEdit(account.baseUrl.isEmpty() ? vendorDefaultBaseUrl(vendor)
                                                    : account.baseUrl.toString(),
                          this);
    m_url->setObjectName(u"baseUrl"_s);
    m_url->setPlaceholderText(vendorDefaultBaseUrl(vendor));
    form->addRow(tr("&Address:"), m_url);
    if (m_service && m_service->isDemo(account.vendor, account.id)) {
        m_url->setReadOnly(true);
        m_url->setToolTip(tr("The built-in sandbox serves this demo account; its address "
                             "changes every time Linkloom starts."));
    }

    switch (vendor) {
    case Vendor::Copper:
        m_user = new QLineEdit(account.user, this);
        m_user->setObjectName(u"user"_s);
        m_user->setPlaceholderText(tr("you@example.com"));
        m_user->setToolTip(tr("The email address of the Copper user who made the API key"));
        form->addRow(tr("User &email:"), m_user);
        break;
    case Vendor::Pm415:
        m_optionKey = u"organization"_s;
        m_option = new QLineEdit(this);
        m_option->setPlaceholderText(tr("Every organization"));
        m_option->setToolTip(tr("A pm415 organization id, or empty for every organization "
                                "you belong to"));
        form->addRow(tr("&Organization:"), m_option);
        break;
    case Vendor::Laserfiche:
        m_optionKey = u"repository"_s;
        m_option = new QLineEdit(this);
        m_option->setPlaceholderText(tr("The first repository"));
        m_option->setToolTip(tr("The repository id (e.g. r-abc123), or empty for the first "
                                "one the account may read"));
        form->addRow(tr("&Repository:"), m_option);
        break;
    case Vendor::DevRev:
        break;
    }
    if (m_option) {
        m_option->setObjectName(m_optionKey);
        m_option->setText(account.options.value(m_optionKey).toString());
    }

    if (AccountService::credentialOf(vendor) == AccountService::Credential::SignIn) {
        m_signIn = new QPushButton(tr("Sign &In in the Browser…"), this);
        m_signIn->setObjectName(u"signIn"_s);
        m_signIn->setToolTip(tr("Opens %1's sign-in page in your web browser; Linkloom "
                                "receives the permission on this computer only.")
                                 .arg(vendorName));
        connect(m_signIn, &QPushButton::clicked, this, &AccountEditDialog::signIn);
        form->addRow(tr("Credential:"), m_signIn);
    } else {
        m_secret = new QLineEdit(this);
        m_secret->setObjectName(u"secret"_s);
        m_secret->setEchoMode(QLineEdit::Password);
        m_secret->setClearButtonEnabled(true);
        m_secret->setPlaceholderText(vendor == Vendor::DevRev ? tr("Personal access token")
                                                              : tr("API key"));
        QAction *show = m_secret->addAction(Icons::showSecret(), QLineEdit::TrailingPosition);
        show->setCheckable(true);
        show->setToolTip(tr("Show the credential"));
        connect(show, &QAction::toggled, this, [this](bool visible) {
            m_secret->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
        });
        form->addRow(vendor == Vendor::DevRev ? tr("&Token:") : tr("API &key:"), m_secret);
        if (m_service && m_service->isDemo(account.vendor, account.id)) {
            m_secret->setPlaceholderText(tr("The sandbox's demo credential"));
        } else if (!isNew && m_service) {
            m_service->hasCredential(account, this, [this](bool has) {
                if (has && m_secret->text().isEmpty())
                    m_secret->setPlaceholderText(tr("Kept in the keychain — type to replace"));
            });
        }
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);

    if (m_service && !m_service->credentialsPersist()) {
        auto *warning = new QLabel(
            tr("No system keychain is available: credentials are kept only until Linkloom "
               "quits. Start a Secret Service (e.g. GNOME Keyring or KWallet) to keep them."),
            this);
        warning->setObjectName(u"keychainWarning"_s);
        warning->setWordWrap(true);
        warning->setTextFormat(Qt::PlainText);
        layout->addWidget(warning);
    }

    m_test = new QPushButton(tr("&Test Connection"), this);
    m_test->setObjectName(u"testConnection"_s);
    connect(m_test, &QPushButton::clicked, this, &AccountEditDialog::testConnection);
    m_status = new QLabel(this);
    m_status->setObjectName(u"status"_s);
    m_status->setTextFormat(Qt::PlainText); // it quotes vendor messages
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_status, 1);
    layout->addLayout(testRow);
    layout->addStretch();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    setMinimumWidth(520);
    (isNew || m_url->isReadOnly() ? m_name : m_url)->setFocus();
}

AccountEditDialog::~AccountEditDialog()
{
    if (m_task)
        m_task->cancel();
}

AccountConfig AccountEditDialog::account() const
{
    AccountConfig config = m_original;
    config.displayName = m_name->text().trimmed();
    config.id = m_id->text().trimmed();
    config.baseUrl = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    if (m_user)
        config.user = m_user->text().trimmed();
    if (m_option) {
        const QString value = m_option->text().trimmed();
        if (value.isEmpty())
            config.options.remove(m_optionKey);
        else
            config.options.insert(m_optionKey, value);
    }
    return config;
}

std::optional<QString> AccountEditDialog::secret() const
{
    if (!m_secret || m_secret->text().isEmpty())
        return std::nullopt;
    return m_secret->text().trimmed();
}

QString AccountEditDialog::statusText() const
{
    return m_status->text();
}

void AccountEditDialog::showStatus(const QString &text, bool failed)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     failed ? QColor(0xc0, 0x1c, 0x28)
                            : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void AccountEditDialog::setBusy(bool busy)
{
    m_test->setEnabled(!busy);
    if (m_signIn)
        m_signIn->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void AccountEditDialog::track(AccountTask *task, const QString &doing)
{
    m_task = task;
    setBusy(true);
    showStatus(doing, false);
    connect(task, &AccountTask::progress, this,
            [this](qsizetype, qsizetype, const QString &what) { showStatus(what, false); });
    connect(task, &AccountTask::finished, this,
            [this](const Result &result, const QString &summary) {
                m_task = nullptr;
                setBusy(false);
                QString text = summary;
                if (!result.ok())
                    text += (text.isEmpty() ? QString() : u"\n"_s) + result.message();
                showStatus(text, !result.ok());
            });
}

void AccountEditDialog::testConnection()
{
    if (!m_service || m_task)
        return;
    track(m_service->testConnection(account(), secret()), tr("Testing…"));
}

void AccountEditDialog::signIn()
{
    if (!m_service || m_task)
        return;
    track(m_service->signIn(account()), tr("Waiting for the sign-in in your web browser…"));
}

void AccountEditDialog::save()
{
    if (!m_service || m_task)
        return;
    const AccountConfig config = account();
    if (const QString problem = accountProblem(config); !problem.isEmpty()) {
        showStatus(problem, true);
        return;
    }
    if (m_isNew) {
        for (const AccountConfig &other : m_service->accounts()) {
            if (other.vendor == config.vendor && other.id == config.id) {
                showStatus(tr("There is already a %1 account with the id “%2”: choose another.")
                               .arg(vendorDisplayName(config.vendor), config.id),
                           true);
                m_id->setFocus();
                return;
            }
        }
    }
    setBusy(true);
    showStatus(tr("Saving…"), false);
    m_service->saveAccount(config, secret(), this, [this](const Result &result) {
        setBusy(false);
        if (result.ok())
            accept();
        else
            showStatus(result.message(), true);
    });
}
