#include "ui/accountsdialog.h"

#include "models/accountservice.h"
#include "resources/icons.h"
#include "ui/accounteditdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int VendorRole = Qt::UserRole;
constexpr int IdRole = Qt::UserRole + 1;

} // namespace

AccountsDialog::AccountsDialog(AccountService *service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
{
    setWindowTitle(tr("Accounts"));

    m_list = new QListWidget(this);
    m_list->setObjectName(u"accounts"_s);
    m_list->setIconSize(QSize(24, 24));
    m_list->setSpacing(2);
    connect(m_list, &QListWidget::currentRowChanged, this, &AccountsDialog::updateButtons);
    connect(m_list, &QListWidget::itemActivated, this, &AccountsDialog::editCurrent);

    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(u"add"_s);
    auto *vendors = new QMenu(add);
    for (Vendor vendor : AllVendors) {
        vendors->addAction(Icons::vendor(vendor), tr("%1…").arg(vendorDisplayName(vendor)), this,
                           [this, vendor] { addAccount(int(vendor)); });
    }
    add->setMenu(vendors);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(u"edit"_s);
    connect(m_edit, &QPushButton::clicked, this, &AccountsDialog::editCurrent);
    m_remove = new QPushButton(tr("&Remove…"), this);
    m_remove->setObjectName(u"remove"_s);
    connect(m_remove, &QPushButton::clicked, this, &AccountsDialog::removeCurrent);
    m_sync = new QPushButton(tr("&Sync Now"), this);
    m_sync->setObjectName(u"sync"_s);
    m_sync->setToolTip(tr("Read every record and link of the account into the workspace"));
    connect(m_sync, &QPushButton::clicked, this, &AccountsDialog::syncCurrent);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addSpacing(12);
    buttons->addWidget(m_sync);
    buttons->addStretch();

    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    if (m_service && !m_service->credentialsPersist()) {
        auto *warning = new QLabel(tr("No system keychain is available: credentials are kept "
                                      "only until Linkloom quits."),
                                   this);
        warning->setObjectName(u"keychainWarning"_s);
        warning->setWordWrap(true);
        layout->addWidget(warning);
    }
    layout->addWidget(close);

    if (m_service)
        connect(m_service, &AccountService::accountsChanged, this, &AccountsDialog::reload);
    reload();
    resize(560, 360);
    m_list->setFocus();
}

void AccountsDialog::reload()
{
    const QListWidgetItem *current = m_list->currentItem();
    const QString currentKey = current
        ? current->data(IdRole).toString() + QString::number(current->data(VendorRole).toInt())
        : QString();
    m_list->clear();
    if (!m_service)
        return;
    for (const AccountConfig &account : m_service->accounts()) {
        QString subtitle = vendorDisplayName(account.vendor) + u" · "_s + account.baseUrl.host();
        if (m_service->isDemo(account.vendor, account.id))
            subtitle += u" · "_s + tr("demo data");
        auto *item = new QListWidgetItem(Icons::vendor(account.vendor),
                                         account.name() + u'\n' + subtitle, m_list);
        item->setData(VendorRole, int(account.vendor));
        item->setData(IdRole, account.id);
        item->setToolTip(account.baseUrl.toString());
        if (account.id + QString::number(int(account.vendor)) == currentKey)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

void AccountsDialog::updateButtons()
{
    const bool selected = m_list->currentItem() != nullptr;
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_sync->setEnabled(selected);
}

void AccountsDialog::addAccount(int vendor)
{
    AccountConfig account;
    account.vendor = Vendor(vendor);
    AccountEditDialog dialog(m_service, account, true, this);
    dialog.exec();
}

void AccountsDialog::editCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !m_service)
        return;
    const auto vendor = Vendor(item->data(VendorRole).toInt());
    const QString id = item->data(IdRole).toString();
    for (const AccountConfig &account : m_service->accounts()) {
        if (account.vendor == vendor && account.id == id) {
            AccountEditDialog dialog(m_service, account, false, this);
            dialog.exec();
            return;
        }
    }
}

void AccountsDialog::removeCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !m_service)
        return;
    const auto vendor = Vendor(item->data(VendorRole).toInt());
    const QString id = item->data(IdRole).toString();
    const QString name = item->text().section(u'\n', 0, 0);
    QMessageBox box(QMessageBox::Question, tr("Remove Account"),
                    tr("Remove the %1 account “%2”?").arg(vendorDisplayName(vendor), name),
                    QMessageBox::Cancel, this);
    box.setInformativeText(tr("Its credential is deleted from the keychain. Nothing changes in "
                              "%1; the records already read stay in the workspace file but are "
                              "no longer shown.")
                               .arg(vendorDisplayName(vendor)));
    QPushButton *remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    if (const Result removed = m_service->removeAccount(vendor, id); !removed) {
        QMessageBox failed(QMessageBox::Warning, tr("Remove Account"), removed.message(),
                           QMessageBox::Close, this);
        failed.setDetailedText(removed.details());
        failed.exec();
    }
}

void AccountsDialog::syncCurrent()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !m_service)
        return;
    // The main window shows the progress (AccountService::syncStarted).
    m_service->syncAccount(Vendor(item->data(VendorRole).toInt()), item->data(IdRole).toString());
}
