#include "notehistoryview.h"

#include "coursesession.h"
#include "courserequests.h"
#include "historyslider.h"

#include "model/courseevent.h"
#include "protocol/historymessages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTextEdit>
#include <QToolTip>
#include <QVBoxLayout>

namespace collab::desktop {

namespace {
int paneIndex(NoteHistoryView::Pane pane) { return int(pane); }

QLabel *wrappingLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    l->setTextFormat(Qt::PlainText);
    return l;
}
} // namespace

NoteHistoryView::NoteHistoryView(CourseSession *session, const QString &note, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_note(note),
      m_versions(new NoteVersionModel(this)),
      m_named(new NamedVersionModel(this)),
      m_slider(new HistorySlider(this)),
      m_version(wrappingLabel(this)),
      m_older(new QPushButton(tr("Older versions"), this)),
      m_tabs(new QTabWidget(this)),
      m_textHeader(wrappingLabel(this)),
      m_text(new QPlainTextEdit(this)),
      m_compare(new QComboBox(this)),
      m_diffHeader(wrappingLabel(this)),
      m_diff(new QTextEdit(this)),
      m_authorsHeader(wrappingLabel(this)),
      m_authors(new QTextEdit(this)),
      m_legend(new QLabel(this)),
      m_namedList(new QListView(this)),
      m_status(wrappingLabel(this)),
      m_actions(new NoteVersionActions(session, note, m_versions, this))
{
    setWindowTitle(tr("History of %1").arg(session->noteTitle(note)));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);

    // The slider: oldest at the left; the line under it says which version it is on.
    auto *sliderRow = new QHBoxLayout;
    m_older->setToolTip(tr("Load the versions before the oldest one on the slider"));
    m_older->hide();
    m_slider->setAccessibleName(tr("Version"));
    m_slider->setEnabled(false);
    sliderRow->addWidget(m_older);
    sliderRow->addWidget(m_slider, 1);
    layout->addLayout(sliderRow);
    layout->addWidget(m_version);

    // The panes at the slider's point, and the named versions beside them.
    auto *textPage = new QWidget(this);
    auto *textLayout = new QVBoxLayout(textPage);
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Text of this version"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    textLayout->addWidget(m_textHeader);
    textLayout->addWidget(m_text, 1);
    auto *diffPage = new QWidget(this);
    auto *diffLayout = new QVBoxLayout(diffPage);
    auto *compareRow = new QHBoxLayout;
    auto *compareLabel = new QLabel(tr("&Compare with:"), diffPage);
    compareLabel->setBuddy(m_compare);
    m_compare->view()->setAccessibleName(tr("Compare with"));
    m_compare->addItem(tr("the current text"), int(Compare::Now));
    m_compare->addItem(tr("the version before it"), int(Compare::Previous));
    compareRow->addWidget(compareLabel);
    compareRow->addWidget(m_compare, 1);
    diffLayout->addLayout(compareRow);
    diffLayout->addWidget(m_diffHeader);
    m_diff->setReadOnly(true);
    m_diff->setAccessibleName(tr("Changes"));
    m_diff->setAccessibleDescription(tr("Each line starts with + (added) or - (removed), not only a colour"));
    diffLayout->addWidget(m_diff, 1);
    auto *authorsPage = new QWidget(this);
    auto *authorsLayout = new QVBoxLayout(authorsPage);
    m_authors->setReadOnly(true);
    m_authors->setAccessibleName(tr("Who wrote what"));
    m_authors->viewport()->installEventFilter(this); // the author under the mouse as a tooltip
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    authorsLayout->addWidget(m_authorsHeader);
    authorsLayout->addWidget(m_authors, 1);
    authorsLayout->addWidget(m_legend);
    m_tabs->addTab(textPage, tr("&Text"));
    m_tabs->addTab(diffPage, tr("C&hanges"));
    m_tabs->addTab(authorsPage, tr("&Authors"));

    auto *namedPage = new QWidget(this);
    auto *namedLayout = new QVBoxLayout(namedPage);
    namedLayout->setContentsMargins(0, 0, 0, 0);
    auto *namedTitle = new QLabel(tr("Named versions"), namedPage);
    QFont bold = namedTitle->font();
    bold.setBold(true);
    namedTitle->setFont(bold);
    m_namedList->setModel(m_named);
    m_namedList->setAccessibleName(namedTitle->text());
    m_namedList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_namedList->setWordWrap(true);
    namedLayout->addWidget(namedTitle);
    namedLayout->addWidget(m_namedList, 1);
    // Said, not an empty box: what a name is and who gives one.
    auto *noNames = new QLabel(tr("None yet. Instructors and TAs name versions (“Before midterm”) "
                                  "to find them again."), namedPage);
    noNames->setWordWrap(true);
    noNames->setForegroundRole(QPalette::PlaceholderText);
    namedLayout->addWidget(noNames);
    const auto showNoNames = [this, noNames] { noNames->setVisible(m_named->rowCount() == 0); };
    connect(m_named, &QAbstractItemModel::modelReset, noNames, showNoNames);
    connect(m_named, &QAbstractItemModel::rowsInserted, noNames, showNoNames);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tabs);
    split->addWidget(namedPage);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    layout->addWidget(m_status);
    layout->addWidget(m_actions->permissionLine());
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_actions->nameButton(), QDialogButtonBox::ActionRole);
    buttons->addButton(m_actions->restoreButton(), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &NoteHistoryView::refreshCurrentPane);
    connect(m_slider, &QSlider::valueChanged, this, &NoteHistoryView::onSliderMoved);
    connect(m_tabs, &QTabWidget::currentChanged, this, &NoteHistoryView::refreshCurrentPane);
    connect(m_compare, &QComboBox::currentIndexChanged, this, [this] {
        m_shown[paneIndex(Pane::Changes)] = 0;
        refreshCurrentPane();
    });
    connect(m_older, &QPushButton::clicked, this, [this] { loadVersions(m_versions->oldestSeq()); });
    connect(m_namedList, &QListView::activated, this, [this](const QModelIndex &index) {
        if (!selectVersion(index.data(NamedVersionModel::AtRole).toULongLong()))
            showStatus(tr("That version is older than the ones loaded: load older versions first."), true);
    });
    connect(m_namedList, &QListView::clicked, m_namedList, &QListView::activated);
    connect(m_actions, &NoteVersionActions::status, this, &NoteHistoryView::showStatus);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_session->client(), &client::CollabClient::eventReceived, this, &NoteHistoryView::onEvent);
    connect(m_session, &CourseSession::statusChanged, this, [this] {
        if (!m_loaded && !m_loading && m_session->status() == CourseSession::Status::Connected)
            loadVersions(0); // opened offline: load once connected
    });
    connect(m_versions, &QAbstractItemModel::rowsInserted, this, &NoteHistoryView::syncSlider);
    connect(m_versions, &QAbstractItemModel::dataChanged, this, &NoteHistoryView::syncSlider);
    connect(m_named, &QAbstractItemModel::rowsInserted, this, [this] { namedChanged(); });
    connect(m_named, &QAbstractItemModel::modelReset, this, [this] { namedChanged(); });

    QSize size(900, 620);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() * 0.9);
    resize(size);
    m_textHeader->setText(tr("Loading the versions…"));
    loadVersions(0);
    m_slider->setFocus();
}

quint64 NoteHistoryView::shownSeq(Pane pane) const { return m_shown[paneIndex(pane)]; }

void NoteHistoryView::loadVersions(quint64 before)
{
    if (m_loading)
        return;
    m_loading = true;
    m_older->setEnabled(false);
    proto::NoteHistoryGet request{m_session->course(), m_note, before, kPageSize};
    sendCourseRequest(m_session->client(), this, request, [this, before](const QJsonObject &fields, const QString &error) {
        m_loading = false;
        m_older->setEnabled(true);
        if (!error.isEmpty()) {
            showStatus(tr("Could not load the history: %1").arg(error), true);
            if (!m_loaded)
                m_textHeader->setText(tr("The history is not loaded."));
            return;
        }
        const bool first = !m_loaded;
        m_loaded = true;
        m_more = fields.value(QLatin1String("more")).toBool();
        m_named->setAll(fields.value(QLatin1String("named")).toArray());
        m_versions->addPage(fields.value(QLatin1String("versions")).toArray());
        m_older->setVisible(m_more || before != 0);
        m_older->setEnabled(m_more);
        m_older->setToolTip(m_more ? tr("Load the versions before the oldest one on the slider")
                                   : tr("The slider starts at the note's first version"));
        showStatus(QString());
        if (m_versions->rowCount() == 0) {
            m_textHeader->setText(tr("This note has no versions yet: nobody has written in it."));
            updateVersionLabel();
            m_actions->setVersion(m_seq);
            Q_EMIT versionsLoaded();
            return;
        }
        if (first)
            selectVersion(m_versions->newestSeq()); // the note as it is now
        syncSlider();
        Q_EMIT versionsLoaded();
    });
}

// The slider's range and marks follow the model; its handle stays on the same version (m_seq)
// when older versions are put in front of it.
void NoteHistoryView::syncSlider()
{
    const QSignalBlocker block(m_slider);
    m_slider->setEnabled(m_versions->rowCount() > 0);
    m_slider->setRange(0, std::max(0, m_versions->rowCount() - 1));
    const int row = m_versions->rowOfSeq(m_seq);
    if (row >= 0)
        m_slider->setValue(row);
    QList<int> marks;
    for (const NamedVersion &n : m_named->all())
        if (const int r = m_versions->rowOfSeq(n.at); r >= 0)
            marks << r;
    m_slider->setMarks(marks);
    updateVersionLabel();
    m_actions->setVersion(m_seq);
}

bool NoteHistoryView::selectVersion(quint64 seq)
{
    const int row = m_versions->rowOfSeq(seq);
    if (row < 0)
        return false;
    if (m_slider->maximum() < row)
        syncSlider();
    if (m_slider->value() == row && m_seq == seq)
        return true;
    m_slider->setValue(row); // onSliderMoved
    if (m_seq != seq)
        onSliderMoved(row);
    return true;
}

void NoteHistoryView::onSliderMoved(int row)
{
    if (row < 0 || row >= m_versions->rowCount())
        return;
    m_seq = m_versions->version(row).seq;
    // Answers still on their way are for a point the slider has left: none of them is shown.
    for (quint64 &asked : m_asked)
        asked = 0;
    updateVersionLabel();
    m_actions->setVersion(m_seq);
    // What the panes show is now another version's: said at once, the request waits for the
    // slider to rest.
    if (m_shown[paneIndex(Pane::Text)] != m_seq)
        m_textHeader->setText(tr("Loading version #%1…").arg(m_seq));
    m_diffHeader->setText(tr("Loading the changes…"));
    m_authorsHeader->setText(tr("Loading who wrote what at #%1…").arg(m_seq));
    m_text->setEnabled(m_shown[paneIndex(Pane::Text)] == m_seq);
    m_diff->setEnabled(false);
    m_authors->setEnabled(false);
    m_settle.start();
}

void NoteHistoryView::updateVersionLabel()
{
    const int row = m_versions->rowOfSeq(m_seq);
    if (row < 0) {
        m_version->setText(m_loaded ? QString() : tr("Loading the versions…"));
        return;
    }
    const bool newest = row == m_versions->rowCount() - 1;
    const QString described = NoteVersionModel::describe(m_versions->version(row));
    const QString position = m_more ? tr("Version %1 of %2 loaded").arg(row + 1).arg(m_versions->rowCount())
                                    : tr("Version %1 of %2").arg(row + 1).arg(m_versions->rowCount());
    m_version->setText(newest ? tr("%1: %2 (the current text)").arg(position, described) : tr("%1: %2").arg(position, described));
}

void NoteHistoryView::refreshCurrentPane()
{
    if (m_seq == 0 || m_settle.isActive())
        return;
    const Pane pane = Pane(m_tabs->currentIndex());
    if (m_shown[paneIndex(pane)] == m_seq)
        return;
    switch (pane) {
    case Pane::Text:
        return fetchText(m_seq);
    case Pane::Changes:
        return fetchDiff(m_seq);
    case Pane::Authors:
        return fetchAuthors(m_seq);
    }
}

void NoteHistoryView::fetchText(quint64 seq)
{
    const quint64 token = m_asked[paneIndex(Pane::Text)] = ++m_nextToken;
    proto::NoteAt request;
    request.course = m_session->course();
    request.note = m_note;
    request.at = seq;
    sendCourseRequest(m_session->client(), this, request, [this, seq, token](const QJsonObject &fields, const QString &error) {
        if (token != m_asked[paneIndex(Pane::Text)])
            return; // the slider moved on
        if (!error.isEmpty()) {
            m_textHeader->setText(tr("Version #%1 could not be loaded: %2").arg(seq).arg(error));
            return showStatus(m_textHeader->text(), true);
        }
        m_textAt = fields.value(QLatin1String("text")).toString();
        m_shown[paneIndex(Pane::Text)] = seq;
        m_text->setPlainText(m_textAt);
        m_text->setEnabled(true);
        m_textHeader->setText(tr("The note at version #%1: %2 characters (read-only)").arg(seq).arg(m_textAt.size()));
        Q_EMIT paneShown(Pane::Text, seq);
        if (m_pendingDiff.seq == seq)
            showDiffIfReady(seq);
    });
}

quint64 NoteHistoryView::compareSeq(quint64 seq, bool *older) const
{
    *older = false;
    const Compare compare = Compare(m_compare->currentData().toInt());
    if (compare == Compare::Now)
        return 0;
    if (compare == Compare::Previous) {
        const int row = m_versions->rowOfSeq(seq);
        *older = true;
        // The first version: compared with the empty note, which is what came before it.
        return row > 0 ? m_versions->version(row - 1).seq : 0;
    }
    const quint64 at = m_compare->currentData(Qt::UserRole + 1).toULongLong();
    *older = at < seq;
    return at;
}

void NoteHistoryView::fetchDiff(quint64 seq)
{
    bool otherOlder = false;
    const quint64 other = compareSeq(seq, &otherOlder);
    const quint64 token = m_asked[paneIndex(Pane::Changes)] = ++m_nextToken;
    m_pendingDiff = PendingDiff{seq, token, false, {}, otherOlder ? other : seq, otherOlder ? seq : other};
    if (m_shown[paneIndex(Pane::Text)] != seq)
        fetchText(seq); // the context lines around each change
    const bool fromEmpty = otherOlder && other == 0; // the first version: everything in it was added
    if (fromEmpty) {
        m_pendingDiff.haveHunks = true;
        m_pendingDiff.hunks = QJsonArray{}; // filled in showDiffIfReady from the text
        return showDiffIfReady(seq);
    }
    proto::NoteDiff request{m_session->course(), m_note, m_pendingDiff.from, m_pendingDiff.to};
    sendCourseRequest(m_session->client(), this, request, [this, seq, token](const QJsonObject &fields, const QString &error) {
        if (token != m_asked[paneIndex(Pane::Changes)])
            return;
        if (!error.isEmpty()) {
            m_diffHeader->setText(tr("The changes could not be loaded: %1").arg(error));
            return showStatus(m_diffHeader->text(), true);
        }
        m_pendingDiff.haveHunks = true;
        m_pendingDiff.hunks = fields.value(QLatin1String("hunks")).toArray();
        m_pendingDiff.to = quint64(fields.value(QLatin1String("to")).toDouble()); // "now" resolved
        showDiffIfReady(seq);
    });
}

void NoteHistoryView::showDiffIfReady(quint64 seq)
{
    if (m_pendingDiff.seq != seq || !m_pendingDiff.haveHunks || m_shown[paneIndex(Pane::Text)] != seq
        || m_pendingDiff.token != m_asked[paneIndex(Pane::Changes)])
        return;
    const bool textIsFrom = m_pendingDiff.from == seq;
    QJsonArray hunks = m_pendingDiff.hunks;
    QString header;
    if (m_pendingDiff.from == 0) { // the note's first version: all of it was added
        QJsonArray added;
        QStringList lines = m_textAt.split(QLatin1Char('\n'));
        if (lines.last().isEmpty())
            lines.removeLast(); // the break that ends the last line
        for (const QString &line : lines)
            added << line;
        if (!m_textAt.isEmpty())
            hunks = QJsonArray{QJsonObject{{QStringLiteral("fromLine"), 1}, {QStringLiteral("removed"), QJsonArray()},
                                           {QStringLiteral("toLine"), 1}, {QStringLiteral("added"), added}}};
        header = tr("Version #%1 is the note's first: all of its text was added.").arg(seq);
    } else {
        const bool toNow = m_pendingDiff.to == m_versions->newestSeq();
        header = (toNow ? tr("From version #%1 to #%2 (now): lines marked − were removed, + added.")
                        : tr("From version #%1 to #%2: lines marked − were removed, + added."))
                     .arg(m_pendingDiff.from)
                     .arg(m_pendingDiff.to);
    }
    renderDiff(m_diff->document(), hunks, m_textAt, textIsFrom, palette());
    m_diffHeader->setText(header);
    m_diff->setEnabled(true);
    m_shown[paneIndex(Pane::Changes)] = seq;
    Q_EMIT paneShown(Pane::Changes, seq);
}

void NoteHistoryView::fetchAuthors(quint64 seq)
{
    const quint64 token = m_asked[paneIndex(Pane::Authors)] = ++m_nextToken;
    if (m_shown[paneIndex(Pane::Text)] != seq)
        fetchText(seq);
    proto::NoteAuthors request{m_session->course(), m_note, seq};
    sendCourseRequest(m_session->client(), this, request, [this, seq, token](const QJsonObject &fields, const QString &error) {
        if (token != m_asked[paneIndex(Pane::Authors)])
            return;
        if (!error.isEmpty()) {
            m_authorsHeader->setText(tr("Who wrote what could not be loaded: %1").arg(error));
            return showStatus(m_authorsHeader->text(), true);
        }
        const QJsonArray spans = fields.value(QLatin1String("spans")).toArray();
        // The spans are positions in the text at `seq`: drawn once that text is here.
        const auto draw = [this, seq, spans] {
            const QList<AuthorShare> shares = renderAuthors(m_authors->document(), m_textAt, spans, palette());
            QStringList legend;
            for (const AuthorShare &s : shares)
                legend << tr("<span style=\"background:%1;color:%2\">&nbsp;%3&nbsp;</span> %n character(s)", nullptr, s.length)
                              .arg(s.tint.name(), palette().color(QPalette::Text).name(), s.user.toHtmlEscaped());
            m_legend->setText(legend.join(QStringLiteral(" &nbsp; ")));
            m_authorsHeader->setText(tr("Who wrote the text of version #%1 (point at a part to see its author)").arg(seq));
            m_authors->setEnabled(true);
            m_shown[paneIndex(Pane::Authors)] = seq;
            Q_EMIT paneShown(Pane::Authors, seq);
        };
        if (m_shown[paneIndex(Pane::Text)] == seq)
            return draw();
        auto *once = new QObject(this);
        connect(this, &NoteHistoryView::paneShown, once, [this, once, seq, token, draw](Pane pane, quint64 shown) {
            if (pane != Pane::Text)
                return;
            if (shown == seq && token == m_asked[paneIndex(Pane::Authors)])
                draw();
            once->deleteLater();
        });
    });
}

void NoteHistoryView::onEvent(const CourseEvent &event)
{
    if (event.course != m_session->course() || event.data.value(QLatin1String("note")).toString() != m_note)
        return;
    if (event.kind == EventKind::NoteOps) {
        // A slider on the newest version keeps showing the current text. A version that comes
        // before the first page is kept too (the page merges with it).
        const bool following = m_loaded && (m_versions->rowCount() == 0 || m_seq == m_versions->newestSeq());
        NoteVersion v;
        v.seq = event.seq;
        v.timeMs = event.timeMs;
        v.authors = QStringList{event.data.value(QLatin1String("user")).toString()};
        v.restored = quint64(event.data.value(QLatin1String("restored")).toDouble());
        if (!m_versions->addVersion(v))
            return;
        if (following)
            selectVersion(v.seq);
        // "the current text" is another version now.
        if (Compare(m_compare->currentData().toInt()) == Compare::Now)
            m_shown[paneIndex(Pane::Changes)] = 0;
        syncSlider();
    } else if (event.kind == EventKind::NoteVersionNamed && m_loaded) { // before: the page lists it
        const NamedVersion named{event.data.value(QLatin1String("name")).toString(),
                                 quint64(event.data.value(QLatin1String("at")).toDouble()),
                                 event.data.value(QLatin1String("by")).toString(), event.timeMs};
        if (m_named->add(named))
            m_versions->addName(named.at, named.name);
    }
}

// The slider's marks and the Compare choices follow the named versions.
void NoteHistoryView::namedChanged()
{
    const QString current = m_compare->currentText();
    const QSignalBlocker block(m_compare);
    while (m_compare->count() > 2)
        m_compare->removeItem(2);
    for (const NamedVersion &n : m_named->all()) {
        m_compare->addItem(QStringLiteral("\u201c%1\u201d (#%2)").arg(n.name).arg(n.at), int(Compare::Named));
        m_compare->setItemData(m_compare->count() - 1, n.at, Qt::UserRole + 1);
    }
    m_compare->setCurrentIndex(std::max(0, m_compare->findText(current)));
    syncSlider();
}

void NoteHistoryView::showStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("\u26a0 ") + text : text);
    m_status->setVisible(!text.isEmpty());
    if (problem)
        Q_EMIT requestFailed(text);
}

bool NoteHistoryView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_authors->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor cursor = m_authors->cursorForPosition(help->pos());
        const QString author = cursor.charFormat().toolTip();
        if (author.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tr("Written by %1").arg(author), m_authors);
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace collab::desktop
