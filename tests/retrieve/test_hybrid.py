"""Retrieval: gold questions find their evidence in the top 3, results are deterministic, and
nothing reaches the network.

The rank table printed by `test_gold_evidence_in_top3` (run `pytest -s -k top3`) is the one the
issue note quotes. Questions are the five `must_pass` standalone items plus the first three
standalone answerable lookup/date/number/list/why/how items of each article, in gold-file
order: picked by that rule before measuring, never to make the test pass.
"""
from __future__ import annotations

import ipaddress
import json
import re
import socket
import unicodedata
from pathlib import Path

import pytest

from conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold.jsonl"
CORPUS = ROOT / "corpus"

QUESTION_IDS = [
    # must_pass (standalone)
    "q_ryabkov", "q_troops_border", "q_nrc_founded", "q_368_treaties", "q_putin_demands",
    # 000 Los Angeles Times
    "q_csto_members", "q_csto_size", "q_armenia_score",
    # 001 CNN
    "q_blinken_lavrov", "q_two_way_street", "q_two_ways",
    # 002 opinion, no outlet
    "q_baltic_join", "q_baltic_list", "q_ukraine_independence",
    # 003 The Biden-Putin Talk
    "q_military_budget", "q_zuesse", "q_only_solution",
    # 004 Orange County Register
    "q_tokayev", "q_kaz_protests_cause", "q_biden_warning",
]
RANK_DEPTH = 30


def normalise(text: str) -> str:
    """Case, curly quotes, dashes, glued sentence ends and white space, as the gold notes say."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                                         "–": "-", "—": "-", "‑": "-", "−": "-"}))
    text = re.sub(r"([.!?\"])(?=[A-Z])", r"\1 ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _gold_items() -> list[dict]:
    items = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            items[item["id"]] = item
    missing = [i for i in QUESTION_IDS if i not in items]
    assert not missing, f"gold ids used by this test are gone from {GOLD.name}: {missing}"
    return [items[i] for i in QUESTION_IDS]


ITEMS = _gold_items()


def _holds_evidence(passage_text: str, evidence: list[str]) -> bool:
    text = normalise(passage_text)
    return any(normalise(quote) in text for quote in evidence)


def _rank(passages, evidence: list[str]) -> int | None:
    for i, passage in enumerate(passages, 1):
        if _holds_evidence(passage.text, evidence):
            return i
    return None


def test_questions_are_standalone_answerable_and_enough():
    assert len(ITEMS) >= 15
    assert all(item.get("answerable", True) and "follows" not in item and item["evidence"] for item in ITEMS)
    assert len({item["doc"] for item in ITEMS}) == 5


def test_gold_evidence_is_inside_some_passage(assistant):
    """Otherwise a top-3 miss could be the chunker's fault (a quote cut in two), not retrieval's."""
    texts = [n.get_content() for n in assistant.store.all_nodes()]
    orphans = [item["id"] for item in ITEMS if not any(_holds_evidence(t, item["evidence"]) for t in texts)]
    assert not orphans, f"evidence found in no single passage: {orphans}"


def test_gold_evidence_in_top3(assistant):
    rows = []
    for item in ITEMS:
        top3 = assistant.retrieve(item["question"], k=3)
        assert len(top3) == 3
        in_top3 = _rank(top3, item["evidence"])
        # the rank below the top 3, for the failure message and the table (only when needed: slow)
        deep = in_top3 or _rank(assistant.retrieve(item["question"], k=RANK_DEPTH), item["evidence"])
        rows.append((item["id"], item["question"], in_top3, deep))

    width = max(len(r[1]) for r in rows)
    table = [f"{'question':<{width}}  rank  (id)", "-" * (width + 24)]
    for qid, question, in_top3, deep in rows:
        shown = str(in_top3 or deep or f">{RANK_DEPTH}")
        table.append(f"{question:<{width}}  {shown:>4}  ({qid})")
    hits = sum(1 for r in rows if r[2])
    table.append(f"top-3 hits: {hits}/{len(rows)}")
    print("\n" + "\n".join(table))

    misses = [f"{qid} rank={deep or f'>{RANK_DEPTH}'}: {question}" for qid, question, in_top3, deep in rows if not in_top3]
    assert not misses, f"{len(misses)}/{len(rows)} questions miss their evidence in the top 3:\n" + "\n".join(misses)


def test_retrieval_is_deterministic(assistant):
    from qa.retrieve.hybrid import HybridRetriever

    again = HybridRetriever(assistant.store)  # a second retriever over the same index agrees too
    for item in ITEMS[:8]:
        first = [p.passage_id for p in assistant.retrieve(item["question"], k=5)]
        second = [p.passage_id for p in assistant.retrieve(item["question"], k=5)]
        other = [p.passage_id for p in again.retrieve_passages(item["question"], k=5)]
        assert first == second == other, item["id"]
        assert len(first) == len(set(first)) == 5


def test_retrieved_passages_are_complete(assistant):
    passages = assistant.retrieve("What did Putin demand in the draft agreements?", k=5)
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    for p in passages:
        assert p.doc_id and p.title and p.text and p.passage_id.startswith(p.doc_id + ":")
        assert assistant.document_text(p.doc_id)[p.start : p.end] == p.text
    by_doc = {d.doc_id: d for d in assistant.library()}
    for p in passages:
        assert (p.title, p.source, p.url) == (by_doc[p.doc_id].title, by_doc[p.doc_id].source, by_doc[p.doc_id].url)


def test_empty_question_retrieves_nothing(assistant):
    assert assistant.retrieve("   ", k=3) == []


def test_the_legs_agree_on_words_that_carry_a_topic_not_on_a_bare_follow_up(assistant):
    retriever = assistant.as_retriever()
    # words that carry a topic: both legs put the same passage first
    assert retriever.legs_agree("How many Russian soldiers are near the border with Ukraine?")
    assert not retriever.legs_agree("Who leads it?")
    assert not retriever.legs_agree("   ")
    # remembered until the index changes (a chat asks it again of its earlier turns)
    assert retriever._agree["Who leads it?"] is False
    retriever.install(retriever.load_state())
    assert retriever._agree == {} and retriever.legs_agree("How many Russian soldiers are near the border with Ukraine?")


def test_a_question_says_its_topic_in_many_words_or_in_words_no_article_uses(assistant):
    retriever = assistant.as_retriever()
    # mostly words no article uses
    assert retriever.says_its_topic("How do I bake sourdough bread?")
    assert retriever.says_its_topic("What is the boiling point of ethanol?")
    # many content words, known ones
    assert retriever.says_its_topic("How many soldiers did the alliance send to protect the government buildings?")
    # a short follow-up in the articles' words does not, nor one strange word alone
    assert not retriever.says_its_topic("When did the trouble start?")
    assert not retriever.says_its_topic("Who triumphed?")
    assert not retriever.says_its_topic("   ")


# ---- offline --------------------------------------------------------------------------------
class NetworkBlocked(OSError):
    pass


def _is_loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).split("%", 1)[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture()
def no_network(monkeypatch):
    """Every socket connection or name lookup beyond loopback raises and is recorded."""
    attempts: list[str] = []
    real_connect, real_connect_ex, real_getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def allowed(sock, address) -> bool:
        return sock.family == getattr(socket, "AF_UNIX", None) or _is_loopback(address[0])

    def connect(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect {address!r}")
            raise NetworkBlocked(f"test blocks network access to {address!r}")
        return real_connect(sock, address)

    def connect_ex(sock, address):
        if not allowed(sock, address):
            attempts.append(f"connect_ex {address!r}")
            raise NetworkBlocked(f"test blocks network access to {address!r}")
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_loopback(host):
            attempts.append(f"getaddrinfo {host!r}")
            raise NetworkBlocked(f"test blocks name lookup of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_network_guard_really_blocks(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("10.255.255.1", 443), timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("huggingface.co", 443)
    assert len(no_network) == 2
    no_network.clear()


def test_assistant_loads_and_answers_with_the_network_blocked(no_network, tmp_path, embedder):
    from qa import Assistant
    from qa.index.store import IndexStore
    from qa.types import Answer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "riga.txt").write_text(
        "Baltic ministers meet in Riga\n\n"
        "The foreign ministers of Estonia, Latvia and Lithuania met in Riga on Thursday. They agreed to ask "
        "NATO for more air defence systems before the summer. Officials from Finland attended as observers.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "index", corpus)
    IndexStore(settings, embed_model=embedder).ingest([corpus])

    bot = Assistant(settings)  # opens Chroma and BM25 and loads MiniLM from disk, all offline
    hits = bot.retrieve("Where did the Baltic foreign ministers meet?", k=3)
    assert hits and hits[0].doc_id == "riga" and "Riga" in hits[0].text
    assert hits[0].title == "Baltic ministers meet in Riga"
    answer = bot.ask("Where did the Baltic foreign ministers meet?")
    assert isinstance(answer, Answer)
    assert no_network == [], f"network access attempted: {no_network}"


def test_a_question_naming_several_sources_keeps_each_named_source_apart():
    from qa.retrieve.hybrid import find_source_mention

    sources = [("a1", "Putin's demands", "CNN"), ("a2", "The view from Washington", "Los Angeles Times"),
               ("a3", "Kazakhstan and Ukraine", "Orange County Register"), ("a4", "Another CNN piece", "CNN")]
    both = find_source_mention("Do the Orange County Register and CNN agree on Putin's demands for NATO?", sources)
    assert both.groups == (frozenset({"a3"}), frozenset({"a1", "a4"}))  # in the order named
    assert both.doc_ids == {"a1", "a3", "a4"}
    one = find_source_mention("What does the LA Times say about NATO?", sources)
    assert one.groups == (frozenset({"a2"}),)
    # an article and its own outlet named together are one source: the title's group lies inside the outlet's
    same = find_source_mention("In 'Another CNN piece', what does CNN say about NATO?", sources)
    assert same.groups == (frozenset({"a1", "a4"}),)
    assert find_source_mention("What did Putin demand?", sources).groups == ()


def test_a_magazine_goes_by_its_name_without_magazine_and_a_letter_frames_it():
    from qa.retrieve.hybrid import find_source_mention

    sources = [("h1", "A Letter on Justice and Open Debate", "Harper's Magazine"), ("i1", "Fines", "The Independent")]
    # "Harper's" is also another article's word (a minister Mark Harper): named only when framed
    framed = find_source_mention("How many people signed the Harper's letter?", sources, frozenset({"Harper's"}))
    assert framed.doc_ids == {"h1"} and "Harper" not in framed.query
    assert find_source_mention("What did Harper's ministers say?", sources, frozenset({"Harper's"})).doc_ids == set()


def test_a_source_name_counts_only_where_it_is_written_as_a_name():
    from qa.retrieve.hybrid import find_source_mention

    sources = [("n", "Telescope finds pulsars", "Nature"), ("cc", "What we do", "Creative Commons"),
               ("d", "The Biden-Putin Talk", ""), ("la", "View", "Los Angeles Times")]
    named = lambda q: sorted(find_source_mention(q, sources).doc_ids)  # noqa: E731
    assert named("What does Nature say about pulsars?") == ["n"]
    assert named("Who claims protecting nature in Antigua is a pursuit for the privileged?") == []
    assert named("What does the author of the Biden-Putin Talk think?") == ["d"]  # "the" needs no capital
    assert named("What we do know about pulsars?") == []  # a title of function words only counts quoted
    assert named("What does “What we do” say?") == ["cc"]
    assert named("what does the la times say?") == ["la"]  # typed in lower case: no capitals to tell by


def test_a_named_source_is_searched_on_its_own_so_its_passages_lead(assistant):
    # As in a large library, where each leg's best passages may all be other outlets' (here a
    # pool of 3 per leg over the five articles; the Los Angeles Times is the one about the CSTO):
    # the named source's own best passages still come first.
    from qa.retrieve.hybrid import HybridRetriever

    assistant.as_retriever()  # opens the index
    small_pool = HybridRetriever(assistant.store, candidates=3)
    question = "According to CNN, how many countries belong to the CSTO, the alliance that sent troops to Almaty?"
    assert [p.source for p in small_pool.retrieve_passages(question, 5)] == ["CNN"] * 5
    question = "What does the Orange County Register say about Sergei Ryabkov and Wendy Sherman in Geneva?"
    assert [p.source for p in small_pool.retrieve_passages(question, 3)] == ["Orange County Register"] * 3


def _page(site: str, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">'
            f'<meta property="og:title" content="{title}"></head><body><article><h1>{title}</h1>{body}</article></body></html>')


def test_an_outlet_named_like_a_topic_of_other_articles_is_a_source_only_when_framed_as_one(tmp_path):
    """blog.python.org's site name is "Python": in a library of Python tutorials, "Python" in a
    question is mostly the topic, not the outlet."""
    from qa import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "release.html").write_text(_page("Python", "Release 9.9 is out", [
        "The release team is happy to announce version 9.9 of the interpreter, with faster startup.",
        "Download it from the usual place and report bugs on the tracker as soon as you find them."]))
    (corpus / "envs.html").write_text(_page("Code Academy", "Managing environments", [
        f"Python environments keep the packages of one Python project apart from another Python project, part {i}."
        for i in range(6)]))
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    retriever = bot.as_retriever()
    assert retriever.needs_framing() == {"Python"}
    assert retriever.source_mention("How do Python environments keep projects apart?").doc_ids == set()
    answer = bot.ask("How do Python environments keep projects apart?")
    assert answer.answered and answer.citations[0].passage.source == "Code Academy"
    for framed in ("What does the Python blog say about startup?", "What does Python say about startup?",
                   "According to Python, what is faster?"):
        assert retriever.source_mention(framed).doc_ids == {"release"}, framed


def test_an_outlet_that_other_articles_discuss_is_a_source_only_when_framed_as_one(tmp_path):
    """Yahoo's own pages carry "Yahoo" in every passage (the outlet is part of what BM25
    indexes), so they outnumber a New York Times piece on Yahoo's sale; still, "How much is
    Verizon paying for Yahoo?" asks about Yahoo, and searching only Yahoo's pages answered it
    with "Yahoo doesn't say"."""
    from qa import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, topic in enumerate(("games", "photos", "phones")):
        (corpus / f"yahoo{i}.html").write_text(_page("Yahoo", f"The best {topic} of the year", [
            f"These {topic} were chosen by our editors after a month of testing, part {j}." for j in range(4)]))
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    retriever = bot.as_retriever()
    question = "How much is Verizon paying for Yahoo?"
    # with no other article on Yahoo, the name picks Yahoo's pages (remembered per question)
    assert retriever.source_mention(question).doc_ids == {"yahoo0", "yahoo1", "yahoo2"}
    assert retriever.source_mention(question) is retriever.source_mention(question)
    (corpus / "nyt.html").write_text(_page("NYTimes", "A sale to Verizon", [
        "Verizon is paying $4.8 billion for the internet business of Yahoo, the companies said on Monday "
        "after weeks of talks between their lawyers, bankers and boards in New York and California.",
        "After the sale, the company that is left will change its name to Remain Co. and hold its stakes "
        "in Alibaba and in Yahoo Japan, plus about ten billion dollars in cash and a portfolio of patents.",
        "Yahoo shareholders will not receive any money unless the company pays a dividend, and they will "
        "have no vote on the deal because it is structured as the sale of a subsidiary, not of the company."]))
    bot.ingest([corpus / "nyt.html"])  # a new index state: what was remembered is forgotten
    assert retriever.needs_framing() == {"Yahoo"}
    assert retriever.source_mention(question).doc_ids == set()
    answer = bot.ask("How much is Verizon paying for Yahoo?")
    assert answer.answered and "$4.8 billion" in answer.citations[0].quote
    framed = retriever.source_mention("What does Yahoo say about games?")
    assert framed.doc_ids == {"yahoo0", "yahoo1", "yahoo2"}


def test_a_source_that_is_the_questions_topic_stays_in_the_search():
    from qa.retrieve.hybrid import find_source_mention

    sources = [("cc", "What we do", "Creative Commons")]
    topic = find_source_mention("What is Creative Commons?", sources)
    assert topic.doc_ids == {"cc"} and topic.query == "What is Creative Commons?"  # not "What is?"
    assert find_source_mention("What does Creative Commons say about licences?", sources).query == "What say about licences?"


def _wikipedia_library(tmp_path, doc: str, title: str, paragraphs: list[str]):
    """A library of one Wikipedia page and a page on another topic: (assistant, retriever)."""
    from qa import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{doc}.html").write_text(_page("Wikipedia", title, paragraphs))
    (corpus / "garden.html").write_text(_page("Garden Weekly", "Spring planting", [
        "Tomatoes were planted in April, and the first fruit appeared in early July this year.",
        "The allotment was created in 1987 by residents of the street who wanted fresh vegetables."]))
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    return bot, bot.as_retriever()


def _assert_title_is_topic_unless_framed(bot, doc: str, title: str, question: str, quote: str, framed: str) -> None:
    """Asked unframed, the title prefers its page but stays in the question, which its page
    answers with `quote`; framed as a source, it is taken out as an instruction."""
    retriever = bot.as_retriever()
    mention = retriever.source_mention(question)
    assert mention.doc_ids == {doc} and mention.query == question
    answer = bot.ask(question)
    assert answer.answered and quote in answer.citations[0].quote
    framed_mention = retriever.source_mention(framed)
    assert framed_mention.doc_ids == {doc} and title not in framed_mention.query


def test_a_one_word_title_its_own_article_uses_stays_the_questions_topic(tmp_path):
    """A Wikipedia page titled "Mozilla": "When was Mozilla created?" asks about Mozilla. The
    name still prefers its page, but it is not taken out of the question as an instruction
    ("When was created?" found a sentence about SpiderMonkey). Framed, it still is one."""
    bot, retriever = _wikipedia_library(tmp_path, "mozilla", "Mozilla", [
        "Mozilla is a free-software community, created in 1998 by members of Netscape.",
        "SpiderMonkey is the JavaScript engine that Brendan Eich wrote in 1995 as a developer at Netscape.",
        "The Mozilla community develops and supports Firefox, Thunderbird and other free products."])
    assert retriever.own_words() == {"Mozilla"}  # never an outlet ("Wikipedia"): asking an outlet is an instruction
    _assert_title_is_topic_unless_framed(bot, "mozilla", "Mozilla", "When was Mozilla created?",
                                         "created in 1998 by members of Netscape",
                                         "What does the Mozilla article say about Netscape?")


def test_a_title_of_several_words_its_own_article_uses_stays_the_questions_topic(tmp_path):
    """The Wikipedia page "Hermitian matrix": "Explain what a Hermitian matrix is." was searched
    as "Explain what a is." (the title taken out as an instruction) and answered with a proof's
    "A = AH". Framed as a source ("the Hermitian matrix article"), it still is one."""
    bot, retriever = _wikipedia_library(tmp_path, "hermitian", "Hermitian matrix", [
        "In mathematics, a Hermitian matrix is a complex square matrix that is equal to its own conjugate transpose.",
        "Proof: A = AH, so AAH = AA = AHA, by definition of the product.",
        "Hermitian matrices are named after Charles Hermite, who studied them in 1855."])
    _assert_title_is_topic_unless_framed(bot, "hermitian", "Hermitian matrix", "Explain what a Hermitian matrix is.",
                                         "equal to its own conjugate transpose",
                                         "What does the Hermitian matrix article say about Hermite?")
    # a title its article does not write stays an instruction ("Spring planting" is no phrase of its text)
    assert "Spring planting" not in retriever.source_mention("What does Spring planting say about tomatoes?").query
