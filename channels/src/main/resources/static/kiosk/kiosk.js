/*
 * Linli hall kiosk. Plain JavaScript, no build, no inline script or style (the page runs under a
 * strict Content-Security-Policy). Every word comes from GET /kiosk/messages; every answer from the
 * web chat API (POST /api/chat/messages, channel "kiosk"); speech from GET /api/speech, else the
 * browser's own voice, else a note on screen.
 *
 * State that must not outlive a resident (conversation id, settings) sits in sessionStorage and is
 * wiped, together with localStorage and the screen, after the idle warning.
 */
'use strict';

(function () {
  const STORE_KEY = 'linli.kiosk';
  const MAX_CHOICES = 6;
  const MAX_PHONE_DIGITS = 12;

  const S = {
    lang: 'zh',
    words: {},
    config: { idleTimeoutSeconds: 120, idleWarningSeconds: 30, pollSeconds: 3, serverSpeech: {} },
    conversationId: null,
    size: 1,
    theme: 'default',
    autoRead: false,
    slow: false,
    stack: [],
    current: null,
    phone: '',
    handoff: null,
    staffSeen: 0,
    staffSpoken: 0,
    pollTimer: null,
    idleTimer: null,
    wipeTimer: null,
    touched: false,
    busy: false,
  };

  // ---------- small helpers ----------

  function t(key, ...args) {
    const pattern = Object.prototype.hasOwnProperty.call(S.words, key) ? S.words[key] : key;
    return pattern.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
  }

  function htmlLang(code) {
    return code === 'en' ? 'en' : 'zh-CN';
  }

  /** Builds an element: el('button', {class: 'x', text: '...'}, child, ...). Never parses HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function icon(name) {
    return el('span', { class: 'icon icon-' + name, 'aria-hidden': 'true' });
  }

  function button(label, iconName, onClick, extra) {
    const b = el('button', Object.assign({ type: 'button' }, extra || {}));
    if (iconName) b.append(icon(iconName));
    b.append(el('span', { class: 'label', text: label }));
    b.addEventListener('click', onClick);
    return b;
  }

  function save() {
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({
        conversationId: S.conversationId, lang: S.lang, size: S.size, theme: S.theme,
        autoRead: S.autoRead, slow: S.slow,
      }));
    } catch (e) { /* storage may be disabled: the kiosk works without it */ }
  }

  function restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
      if (saved) {
        S.conversationId = saved.conversationId || null;
        S.lang = saved.lang === 'en' ? 'en' : 'zh';
        S.size = [1, 2, 3].includes(saved.size) ? saved.size : 1;
        S.theme = saved.theme === 'contrast' ? 'contrast' : 'default';
        S.autoRead = !!saved.autoRead;
        S.slow = !!saved.slow;
      }
    } catch (e) { /* ignore */ }
  }

  /** 13812345678 -> 138****5678 wherever a mobile number appears. */
  function maskPhones(text) {
    return String(text).replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
  }

  function groupPhone(digits) {
    if (digits.length <= 3) return digits;
    if (digits.length <= 7) return digits.slice(0, 3) + ' ' + digits.slice(3);
    return digits.slice(0, 3) + ' ' + digits.slice(3, 7) + ' ' + digits.slice(7);
  }

  // ---------- server ----------

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': htmlLang(S.lang) } });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }

  async function send(text, lang) {
    const body = {
      conversationId: S.conversationId, channel: 'kiosk', text: text, lang: lang || S.lang,
      messageId: 'kiosk-' + (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()),
    };
    const r = await fetch('/api/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': htmlLang(S.lang) },
      body: JSON.stringify(body),
    });
    if (r.status === 400 && S.conversationId) {
      const problem = await r.json().catch(() => ({}));
      if (problem.code === 'error.conversation.unknown') {
        // The conversation is gone (expired or wiped): start a new one with the same words.
        S.conversationId = null;
        return send(text, lang);
      }
      throw new Error(problem.code || 'HTTP 400');
    }
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const response = await r.json();
    S.conversationId = response.conversationId || S.conversationId;
    if (response.handoff) S.handoff = response.handoff;
    save();
    startPolling();
    return response;
  }

  // ---------- speech ----------

  const audio = new Audio();
  audio.preload = 'auto';
  let speechQueue = [];
  let speechToken = 0;

  function setSpeechState(state) {
    document.body.dataset.speech = state;
  }

  function stopSpeech() {
    speechToken++;
    speechQueue = [];
    try { audio.pause(); } catch (e) { /* ignore */ }
    audio.removeAttribute('src');
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    setSpeechState('idle');
  }

  /** Speaks parts [{text, lang}] one after the other. */
  function speak(parts) {
    stopSpeech();
    speechQueue = parts.filter((p) => p.text && p.text.trim());
    playNext(speechToken);
  }

  function playNext(token) {
    if (token !== speechToken) return;
    const part = speechQueue.shift();
    if (!part) { setSpeechState('idle'); return; }
    const url = '/api/speech?lang=' + part.lang + '&speed=' + (S.slow ? 'slow' : 'normal') +
      '&text=' + encodeURIComponent(part.text.slice(0, 1000));
    if (S.config.serverSpeech && S.config.serverSpeech[part.lang]) {
      audio.onended = () => playNext(token);
      audio.onerror = () => { if (token === speechToken) browserSpeak(url, part, token); };
      audio.src = url;
      setSpeechState('playing');
      const p = audio.play();
      if (p && p.catch) p.catch(() => { if (token === speechToken) browserSpeak(url, part, token); });
    } else {
      browserSpeak(url, part, token);
    }
  }

  /** No server voice for this language: the browser's own voice, with the server's spoken form. */
  async function browserSpeak(url, part, token) {
    let spoken = part.text;
    try {
      const r = await fetch(url, { headers: { Accept: 'application/problem+json, application/json' } });
      const type = r.headers.get('Content-Type') || '';
      if (!r.ok && type.includes('json')) {
        const problem = await r.json();
        if (problem.spokenText) spoken = problem.spokenText;
      }
    } catch (e) { /* use the text as it is */ }
    if (token !== speechToken) return;
    const synth = window.speechSynthesis;
    const voices = synth ? synth.getVoices() : [];
    const wanted = part.lang === 'en' ? /^en/i : /^(zh|cmn)/i;
    if (!synth || !voices.some((v) => wanted.test(v.lang))) {
      setSpeechState('unavailable');
      const note = document.getElementById('speech-note');
      note.textContent = t('speech.unavailable');
      note.hidden = false;
      return;
    }
    const u = new SpeechSynthesisUtterance(spoken);
    u.lang = htmlLang(part.lang);
    u.rate = S.slow ? 0.7 : 0.9;
    u.onend = () => playNext(token);
    setSpeechState('browser');
    synth.speak(u);
  }

  /** What the current screen says: every element marked .say, in order, in its own language. */
  function screenSpeech() {
    const parts = [];
    for (const node of document.querySelectorAll('#screen .say, #idle:not([hidden]) .say')) {
      const langOf = (node.closest('[lang]') || document.documentElement).getAttribute('lang') || 'zh-CN';
      const lang = langOf.startsWith('en') ? 'en' : 'zh';
      const text = node.textContent.trim();
      const last = parts[parts.length - 1];
      if (last && last.lang === lang) last.text += (lang === 'zh' ? '' : ' ') + text;
      else parts.push({ text, lang });
    }
    return parts;
  }

  // ---------- chrome: the same buttons everywhere ----------

  function applyWords() {
    document.documentElement.lang = htmlLang(S.lang);
    document.title = t('app.title');
    for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
    const langButton = document.getElementById('nav-lang');
    const langLabel = document.getElementById('nav-lang-label');
    langLabel.textContent = t('lang.switch');
    langButton.setAttribute('lang', t('lang.switch.code'));
    langButton.setAttribute('aria-label', t('lang.switch'));
    applySettings();
  }

  function applySettings() {
    const root = document.documentElement;
    root.classList.remove('size-1', 'size-2', 'size-3');
    root.classList.add('size-' + S.size);
    root.classList.toggle('theme-contrast', S.theme === 'contrast');
    document.getElementById('set-size-label').textContent = t('size.' + S.size);
    setToggle('set-theme', S.theme === 'contrast');
    setToggle('set-autoread', S.autoRead);
    setToggle('set-slow', S.slow);
    document.getElementById('nav-back').disabled = !S.current || S.current.name === 'home';
  }

  function setToggle(id, on) {
    const b = document.getElementById(id);
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    b.querySelector('.state').textContent = on ? t('toggle.on') : t('toggle.off');
  }

  // ---------- screens ----------

  const screens = {};

  function go(name, data, options) {
    if (S.current && !(options && options.replace)) S.stack.push(S.current);
    show(name, data);
  }

  function goHome() {
    S.stack = [];
    show('home', {});
  }

  function show(name, data) {
    S.current = { name, data: data || {} };
    const main = document.getElementById('screen');
    main.replaceChildren();
    main.removeAttribute('aria-busy');
    document.body.dataset.screen = name;
    screens[name](main, S.current.data);
    applySettings();
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
    if (S.autoRead) speak(screenSpeech());
  }

  function rerender() {
    if (S.current) show(S.current.name, S.current.data);
  }

  function heading(text, lang) {
    return el('h1', { class: 'say', text, lang: lang ? htmlLang(lang) : null });
  }

  function statusLine() {
    return el('p', { class: 'status', role: 'status', id: 'status' });
  }

  function setBusy(on) {
    S.busy = on;
    const main = document.getElementById('screen');
    const status = document.getElementById('status');
    if (on) {
      main.setAttribute('aria-busy', 'true');
      if (status) status.textContent = t('busy');
    } else {
      main.removeAttribute('aria-busy');
    }
  }

  function showError() {
    setBusy(false);
    const status = document.getElementById('status');
    if (status) {
      status.textContent = t('error.network');
      status.classList.add('error');
    }
  }

  /** Sends text and shows what comes back; {kind} says what the page expects next. */
  async function converse(text, kind) {
    if (S.busy) return;
    setBusy(true);
    let response;
    try {
      response = await send(text, kind && kind.lang);
    } catch (e) {
      showError();
      return;
    }
    setBusy(false);
    route(response, kind || {});
  }

  function allOptions(response) {
    const seen = new Set();
    const out = [];
    for (const r of response.replies || []) {
      for (const o of r.options || []) {
        if (!seen.has(o.value)) { seen.add(o.value); out.push(o); }
      }
    }
    return out;
  }

  function allSources(response) {
    const seen = new Set();
    const out = [];
    for (const r of response.replies || []) {
      for (const s of r.sources || []) {
        if (!seen.has(s.docId)) { seen.add(s.docId); out.push(s); }
      }
    }
    return out;
  }

  function texts(response) {
    return (response.replies || []).map((r) => r.text).filter(Boolean);
  }

  /** Decides which screen shows an answer. */
  function route(response, kind) {
    const options = allOptions(response);
    if (kind.person) return go('person', { response });
    if (kind.report) {
      // Anything but the form's own turns (an emergency, a question) leaves the form's screens.
      if (response.intent !== 'report_issue') return go('reply', { response });
      if (options.some((o) => o.value === '@yes')) return go('report-confirm', { response });
      if (kind.report === 'sent') return go('report-sent', { response }, { replace: true });
      let step = kind.report;
      if (step !== 'phone' && /电话|手机|号码|phone|number/i.test(texts(response).join(' '))) step = 'phone';
      return go('report-' + step, { response }, { replace: kind.replace });
    }
    if (allSources(response).length) return go(kind.more ? 'detail' : 'answer', { response, question: kind.question });
    return go('reply', { response });
  }

  function replyLang(response) {
    return response.lang === 'en' ? 'en' : response.lang === 'zh' ? 'zh' : S.lang;
  }

  /** "来源：《title》" / "Source: title", the title marked with its own language. */
  function sourceLine(source) {
    const [before, after] = t('answer.source').split('{0}');
    const titleLang = /[\u4e00-\u9fff]/.test(source.title) ? 'zh-CN' : 'en';
    return el('p', { class: 'source say', 'data-doc': source.docId, lang: htmlLang(S.lang) },
      before || '', el('span', { lang: titleLang, text: source.title }), after || '');
  }

  function paragraphs(text, className) {
    const box = el('div', { class: className });
    for (const line of String(text).split(/\n+/)) {
      // A list item from the policy document reads as a sentence on its own line.
      const clean = line.trim().replace(/^[-*•]\s+/, '');
      if (clean) box.append(el('p', { class: 'say', text: clean }));
    }
    return box;
  }

  /** Choices from the assistant (other topics, yes/no), as picture buttons; never more than six. */
  function optionButtons(options, lang) {
    const shown = options.filter((o) => o.value !== '@person' && !o.value.startsWith('@more:'));
    if (!shown.length) return null;
    const list = el('ul', { class: 'choices', lang: htmlLang(lang) });
    const page = shown.slice(0, shown.length > MAX_CHOICES ? MAX_CHOICES - 1 : MAX_CHOICES);
    for (const o of page) {
      const iconName = o.value === '@yes' ? 'yes' : o.value === '@no' ? 'no' : o.value === '@menu-report' ? 'report'
        : o.value === '@menu-ask' ? 'ask' : 'question';
      // The menu's "ask" and "report" open the kiosk's own screens for them.
      const action = o.value === '@menu-report' ? startReport : o.value === '@menu-ask' ? () => go('ask', {}) : () => converse(o.value);
      list.append(el('li', {}, button(o.label, iconName, action, { class: 'choice', 'data-value': o.value })));
    }
    if (shown.length > page.length) {
      list.append(el('li', {}, button(t('answer.moreChoices'), 'more',
        () => go('choices', { options: shown.slice(page.length), lang }), { class: 'choice', lang: htmlLang(S.lang) })));
    }
    return list;
  }

  /** The services on Home, most used first; the rest are one tap deeper, under "more services". */
  const HOME_SERVICES = ['allowance', 'medical', 'dibao'];
  const MORE_SERVICES = ['residence', 'canteen', 'outage'];

  function serviceButton(key) {
    const question = t('service.' + key + '.ask');
    const lang = S.words['service.' + key + '.askLang'];
    return el('li', {}, button(t('service.' + key + '.label'), key,
      () => converse(question, { question, lang }), { class: 'choice', 'data-service': key }));
  }

  // Home: never more than six choices, each a picture and a word (three services, more services,
  // ask, report); "talk to a person" stays in its corner of the top bar.
  screens.home = (main) => {
    main.append(heading(t('home.title')));
    main.append(el('p', { class: 'lead say', text: t('home.hint') }));
    const list = el('ul', { class: 'choices', id: 'services' });
    for (const key of HOME_SERVICES) list.append(serviceButton(key));
    list.append(el('li', {}, button(t('home.more'), 'more', () => go('services', {}), { class: 'choice', id: 'go-services' })));
    list.append(el('li', {}, button(t('home.ask'), 'ask', () => go('ask', {}), { class: 'choice', id: 'go-ask' })));
    list.append(el('li', {}, button(t('home.report'), 'report', startReport, { class: 'choice', id: 'go-report' })));
    main.append(list);
    main.append(statusLine());
  };

  screens.services = (main) => {
    main.append(heading(t('services.title')));
    main.append(el('p', { class: 'lead say', text: t('home.hint') }));
    const list = el('ul', { class: 'choices', id: 'more-services' });
    for (const key of MORE_SERVICES) list.append(serviceButton(key));
    main.append(list);
    main.append(statusLine());
  };

  screens.ask = (main) => {
    main.append(heading(t('ask.title')));
    const input = el('textarea', { id: 'ask-input', rows: '2', maxlength: '500', autocomplete: 'off' });
    main.append(el('div', { class: 'field' }, el('label', { for: 'ask-input', class: 'say', text: t('ask.input.label') }), input));
    main.append(el('div', { class: 'actions' }, button(t('ask.submit'), 'send', () => {
      const text = input.value.trim();
      if (!text) { const s = document.getElementById('status'); s.textContent = t('error.empty'); return; }
      converse(text, { question: text });
    }, { id: 'ask-submit', class: 'primary' })));
    main.append(statusLine());
    main.append(el('h2', { class: 'say', text: t('ask.common') }));
    const list = el('ul', { class: 'choices', id: 'common-questions' });
    for (const key of ['doctor', 'card', 'homecare', 'disability', 'fraud', 'checkup']) {
      const question = t('question.' + key + '.ask');
      const lang = S.words['question.' + key + '.askLang'];
      list.append(el('li', {}, button(t('question.' + key + '.label'), 'question',
        () => converse(question, { question, lang }), { class: 'choice', 'data-question': key })));
    }
    main.append(list);
  };

  screens.answer = (main, data) => {
    const r = data.response;
    const lang = replyLang(r);
    const sources = allSources(r);
    const options = allOptions(r);
    const box = el('section', { lang: htmlLang(lang), 'aria-labelledby': 'answer-heading' });
    const h = heading(data.question || t('answer.title'));
    h.id = 'answer-heading';
    h.setAttribute('lang', /[\u4e00-\u9fff]/.test(h.textContent) ? 'zh-CN' : htmlLang(S.lang));
    box.append(h);
    if (S.lang === 'en' && lang === 'zh') {
      // Some policies exist only in Chinese: an honest Chinese answer beats a wrong English one.
      box.append(el('p', { class: 'note-inline say', lang: 'en', id: 'only-chinese', text: t('answer.onlyChinese') }));
    }
    const answer = el('div', { class: 'answer', id: 'answer-text' });
    for (const text of texts(r)) answer.append(paragraphs(text, 'short'));
    box.append(answer);
    for (const s of sources) box.append(sourceLine(s));
    main.append(box);
    const more = options.find((o) => o.value.startsWith('@more:'));
    const actions = el('div', { class: 'actions' });
    if (more) actions.append(button(t('answer.more'), 'more', () => converse(more.value, { more: true }), { id: 'answer-more', class: 'primary' }));
    actions.append(button(t('answer.helped'), 'yes', () => converse(t('answer.helped.send')), { id: 'answer-helped' }));
    actions.append(button(t('answer.notHelped'), 'no', () => converse(t('answer.notHelped.send')), { id: 'answer-not-helped' }));
    main.append(actions);
    const choices = optionButtons(options.filter((o) => o.value.startsWith('@doc:')), lang);
    if (choices) main.append(choices);
    main.append(statusLine());
  };

  screens.detail = (main, data) => {
    const r = data.response;
    const lang = replyLang(r);
    const box = el('section', { lang: htmlLang(lang) });
    box.append(heading(t('detail.title'), S.lang));
    for (const text of texts(r)) box.append(paragraphs(text, 'detail'));
    for (const s of allSources(r)) box.append(sourceLine(s));
    main.append(box);
    main.append(el('div', { class: 'actions' },
      button(t('answer.helped'), 'yes', () => converse(t('answer.helped.send')), { id: 'answer-helped' }),
      button(t('answer.notHelped'), 'no', () => converse(t('answer.notHelped.send')), { id: 'answer-not-helped' })));
    main.append(statusLine());
  };

  screens.reply = (main, data) => {
    const r = data.response;
    const lang = replyLang(r);
    main.append(heading(t('reply.title')));
    const box = el('section', { lang: htmlLang(lang), class: 'answer', id: 'reply-text' });
    for (const text of texts(r)) box.append(paragraphs(text, 'short'));
    main.append(box);
    const choices = optionButtons(allOptions(r), lang);
    if (choices) main.append(choices);
    // A free answer (a case number, a clarification) can be typed here.
    const input = el('input', { type: 'text', id: 'reply-input', maxlength: '500', autocomplete: 'off' });
    main.append(el('div', { class: 'field' }, el('label', { for: 'reply-input', text: t('reply.input.label') }), input));
    main.append(el('div', { class: 'actions' }, button(t('reply.send'), 'send', () => {
      const text = input.value.trim();
      if (!text) { document.getElementById('status').textContent = t('error.empty'); return; }
      converse(text, { question: text });
    }, { id: 'reply-send' })));
    main.append(statusLine());
  };

  screens.choices = (main, data) => {
    main.append(heading(t('answer.choices')));
    main.append(optionButtons(data.options, data.lang));
    main.append(statusLine());
  };

  // ---- reporting a problem: one question per screen ----

  function startReport() {
    S.phone = '';
    converse('@menu-report', { report: 'what' });
  }

  function reportQuestion(main, data, step, inputLabelKey, next) {
    const r = data.response;
    main.append(el('p', { class: 'step say', text: t('report.step', step === 'what' ? 1 : 2) }));
    main.append(heading(t('report.' + step + '.title')));
    main.append(el('p', { class: 'lead say', lang: htmlLang(replyLang(r)), text: texts(r).join(' ') }));
    const input = el('input', { type: 'text', id: 'report-input', maxlength: '300', autocomplete: 'off' });
    main.append(el('div', { class: 'field' }, el('label', { for: 'report-input', text: t(inputLabelKey) }), input));
    main.append(el('div', { class: 'actions' }, button(t('report.next'), 'next', () => {
      const text = input.value.trim();
      if (!text) { document.getElementById('status').textContent = t('error.empty'); return; }
      converse(text, { report: next, replace: true });
    }, { id: 'report-next', class: 'primary' })));
    main.append(statusLine());
  }

  screens['report-what'] = (main, data) => reportQuestion(main, data, 'what', 'report.input.what', 'where');
  screens['report-where'] = (main, data) => reportQuestion(main, data, 'where', 'report.input.where', 'phone');

  screens['report-phone'] = (main, data) => {
    const r = data.response;
    main.append(el('p', { class: 'step say', text: t('report.step', 3) }));
    main.append(heading(t('report.phone.title')));
    main.append(el('p', { class: 'lead say', lang: htmlLang(replyLang(r)), text: texts(r).join(' ') }));
    const display = el('output', { class: 'phone-display', id: 'phone-display', 'aria-live': 'polite', 'aria-label': t('report.phone.display') });
    const refresh = () => { display.textContent = S.phone ? groupPhone(S.phone) : t('report.phone.empty'); };
    refresh();
    main.append(display);
    const pad = el('div', { class: 'keypad', id: 'keypad', role: 'group', 'aria-label': t('report.phone.title') });
    for (const d of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
      pad.append(button(d, null, () => { if (S.phone.length < MAX_PHONE_DIGITS) S.phone += d; refresh(); }, { 'data-key': d }));
    }
    pad.append(button(t('keypad.delete'), 'delete', () => { S.phone = S.phone.slice(0, -1); refresh(); }, { 'data-key': 'delete', class: 'small' }));
    pad.append(button('0', null, () => { if (S.phone.length < MAX_PHONE_DIGITS) S.phone += '0'; refresh(); }, { 'data-key': '0' }));
    pad.append(button(t('keypad.skip'), 'no', () => { S.phone = ''; converse(t('keypad.skip.send'), { report: 'confirm', replace: true }); },
      { 'data-key': 'skip', class: 'small' }));
    main.append(pad);
    main.append(el('div', { class: 'actions' }, button(t('report.next'), 'next', () => {
      if (!S.phone) { document.getElementById('status').textContent = t('error.empty'); return; }
      const digits = S.phone;
      S.phone = '';
      converse(digits, { report: 'confirm', replace: true });
    }, { id: 'report-next', class: 'primary' })));
    main.append(statusLine());
  };

  screens['report-confirm'] = (main, data) => {
    const r = data.response;
    main.append(heading(t('report.confirm.title')));
    // The dialogue already masks the phone number; mask again so nothing typed here is shown in full.
    main.append(el('p', { class: 'lead say answer', id: 'readback', lang: htmlLang(replyLang(r)), text: maskPhones(texts(r).join(' ')) }));
    main.append(el('div', { class: 'actions' },
      button(t('report.confirm.yes'), 'yes', () => converse('@yes', { report: 'sent' }), { id: 'confirm-yes', class: 'primary' }),
      button(t('report.confirm.no'), 'no', () => converse('@no', { report: 'what', replace: true }), { id: 'confirm-no' })));
    main.append(statusLine());
  };

  screens['report-sent'] = (main, data) => {
    const r = data.response;
    const ticket = r.handoff && r.handoff.ticketId ? String(r.handoff.ticketId) : null;
    main.append(heading(t('report.sent.title')));
    main.append(el('p', { class: 'lead say', id: 'sent-text', lang: htmlLang(replyLang(r)), text: texts(r).join(' ') }));
    if (ticket) {
      main.append(el('p', { class: 'say', text: t('report.sent.case') }));
      main.append(el('p', { class: 'big-number say', id: 'case-number', 'data-case': ticket, text: ticket }));
      main.append(el('p', { class: 'say', text: t('report.sent.keep') }));
      main.append(el('img', { class: 'qr', id: 'case-qr', src: '/kiosk/qr?case=' + encodeURIComponent(ticket) + '&lang=' + S.lang, alt: t('report.qr.alt', ticket) }));
      main.append(el('div', { class: 'actions' }, button(t('report.print'), 'print', () => window.print(), { id: 'print-slip', class: 'primary' })));
      fillSlip(ticket);
    } else {
      main.append(el('p', { class: 'lead say', id: 'sent-no-case', text: t('report.sent.noCase') }));
    }
    main.append(statusLine());
  };

  function fillSlip(ticket) {
    document.getElementById('slip-case').textContent = ticket;
    document.getElementById('slip-time').textContent = new Date().toLocaleString(htmlLang(S.lang));
    document.getElementById('slip-keep').textContent = t('slip.keep', ticket);
    const qr = document.getElementById('slip-qr');
    qr.src = '/kiosk/qr?case=' + encodeURIComponent(ticket) + '&lang=' + S.lang;
    qr.alt = t('report.qr.alt', ticket);
  }

  function clearSlip() {
    document.getElementById('slip-case').textContent = '';
    document.getElementById('slip-time').textContent = '';
    document.getElementById('slip-keep').textContent = '';
    const qr = document.getElementById('slip-qr');
    qr.src = '/kiosk/icons/blank.svg';
    qr.alt = '';
  }

  // ---- talk to a person ----

  function talkToPerson() {
    if (S.current && S.current.name === 'person') return;
    converse('@person', { person: true });
  }

  screens.person = (main, data) => {
    const r = data.response;
    if (r && r.handoff) S.handoff = r.handoff;
    const h = S.handoff;
    const withStaff = h && h.status && h.status !== 'new';
    main.append(heading(t('person.title')));
    main.append(el('p', { class: 'lead say', id: 'person-lead', text: t(withStaff ? 'person.withStaff' : 'person.waiting') }));
    // The server's words about the queue would go stale: the live place and wait below replace them.
    const live = h && (Number.isFinite(h.queuePosition) || h.callbackFrom);
    if (r && !live) main.append(el('p', { class: 'say', lang: htmlLang(replyLang(r)), text: texts(r).join(' ') }));
    main.append(el('div', { id: 'queue' }));
    showQueue(S.handoff);
    main.append(el('h2', { text: t('person.chat') }));
    main.append(el('ol', { class: 'chat', id: 'chat' }));
    const input = el('input', { type: 'text', id: 'person-input', maxlength: '500', autocomplete: 'off' });
    main.append(el('div', { class: 'field' }, el('label', { for: 'person-input', text: t('person.input.label') }), input));
    main.append(el('div', { class: 'actions' }, button(t('person.send'), 'send', () => sendToPerson(input), { id: 'person-send', class: 'primary' })));
    main.append(statusLine());
    S.staffSeen = 0; // the chat list is new: show every staff message in it
    poll();
  };

  /**
   * The queue number large, and while nobody has the case yet how many are before the resident and
   * the expected wait (or, outside staffed hours, when staff are back). Redrawn only when it changes.
   */
  function showQueue(handoff) {
    const box = document.getElementById('queue');
    if (!box) return;
    const key = JSON.stringify(handoff || null) + S.lang;
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.replaceChildren();
    if (!handoff || !handoff.ticketId) return;
    box.append(el('p', { class: 'say', text: t('person.ticket') }));
    box.append(el('p', { class: 'big-number say', id: 'queue-number', text: String(handoff.ticketId) }));
    if (handoff.callbackFrom) {
      const when = new Date(handoff.callbackFrom).toLocaleString(htmlLang(S.lang),
        { month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit' });
      box.append(el('p', { class: 'lead say', id: 'callback-from', text: t('person.callback', when) }));
      return;
    }
    if (Number.isFinite(handoff.queuePosition)) {
      const ahead = handoff.queuePosition - 1;
      box.append(el('p', { class: 'lead say', id: 'queue-position', 'data-ahead': String(ahead),
        text: ahead > 0 ? t('person.queue', ahead) : t('person.next') }));
    }
    const wait = handoff.expectedWaitMinutes;
    if (Number.isFinite(wait)) box.append(el('p', { class: 'lead say', id: 'expected-wait', text: t('person.wait', wait) }));
  }

  function addChat(author, text, lang, speakIt) {
    const list = document.getElementById('chat');
    if (!list) return;
    const item = el('li', { class: author, lang: lang ? htmlLang(lang) : null, 'data-author': author },
      el('span', { class: 'who', lang: htmlLang(S.lang), text: t('author.' + author) }),
      el('span', { class: 'what', text: author === 'resident' ? maskPhones(text) : text }));
    list.append(item);
    if (speakIt) speak([{ text, lang: lang || S.lang }]);
  }

  async function sendToPerson(input) {
    const text = input.value.trim();
    if (!text || S.busy) return;
    input.value = '';
    addChat('resident', text, S.lang, false);
    setBusy(true);
    try {
      const r = await send(text);
      setBusy(false);
      document.getElementById('status').textContent = '';
      for (const reply of texts(r)) addChat('assistant', reply, replyLang(r), false);
    } catch (e) {
      showError();
    }
  }

  /** While the kiosk has a conversation, it looks for staff every poll interval, on every screen. */
  function startPolling() {
    if (S.pollTimer || !S.conversationId) return;
    S.pollTimer = setInterval(poll, Math.max(1, S.config.pollSeconds) * 1000);
  }

  function stopPolling() {
    if (S.pollTimer) clearInterval(S.pollTimer);
    S.pollTimer = null;
  }

  /**
   * New staff messages appear like a chat and are read aloud; the queue place is kept up to date.
   * When a member of staff joins (takes the conversation over, or writes) while the resident is on
   * another screen, the kiosk opens the "talk to a person" screen.
   */
  async function poll() {
    if (!S.conversationId || S.polling) return;
    S.polling = true;
    const conversationId = S.conversationId;
    let history;
    try {
      history = await getJson('/api/chat/conversations/' + encodeURIComponent(conversationId));
    } catch (e) {
      return;
    } finally {
      S.polling = false;
    }
    if (conversationId !== S.conversationId) return; // wiped or started again meanwhile
    if (history.handoff) S.handoff = history.handoff;
    const staff = (history.messages || []).filter((m) => m.author === 'staff');
    const onPerson = S.current && S.current.name === 'person';
    if (!onPerson) {
      const joined = history.mode === 'human' && history.handoff && history.handoff.status !== 'new'
        && S.joinSeen !== history.handoff.ticketId;
      if (joined || staff.length > S.staffSpoken) {
        if (history.handoff) S.joinSeen = history.handoff.ticketId;
        go('person', {});
      }
      return;
    }
    if (history.handoff && history.handoff.status !== 'new') S.joinSeen = history.handoff.ticketId;
    showQueue(S.handoff);
    staff.slice(S.staffSeen).forEach((m, i) => {
      // Coming back to this screen shows earlier staff messages again but reads only new ones.
      const index = S.staffSeen + i;
      addChat('staff', m.text, history.lang, index >= S.staffSpoken);
    });
    S.staffSeen = staff.length;
    S.staffSpoken = Math.max(S.staffSpoken, staff.length);
  }

  // ---------- privacy: idle warning, then wipe ----------

  function resetIdle() {
    S.touched = true;
    clearTimeout(S.idleTimer);
    clearTimeout(S.wipeTimer);
    const idle = document.getElementById('idle');
    if (!idle.hidden) {
      idle.hidden = true;
      document.body.dataset.idle = 'false';
    }
    S.idleTimer = setTimeout(showIdleWarning, S.config.idleTimeoutSeconds * 1000);
  }

  function showIdleWarning() {
    const idle = document.getElementById('idle');
    document.getElementById('idle-body').textContent = t('idle.body', S.config.idleWarningSeconds);
    for (const p of idle.querySelectorAll('h1, p')) p.classList.add('say');
    idle.hidden = false;
    document.body.dataset.idle = 'true';
    if (S.autoRead) speak(screenSpeech());
    S.wipeTimer = setTimeout(wipe, S.config.idleWarningSeconds * 1000);
  }

  /** Nothing of the previous resident stays: not on screen, not in memory, not in storage. */
  function wipe() {
    stopSpeech();
    stopPolling();
    clearSlip();
    document.getElementById('screen').replaceChildren();
    try { sessionStorage.clear(); } catch (e) { /* ignore */ }
    try { localStorage.clear(); } catch (e) { /* ignore */ }
    window.location.replace('/kiosk');
  }

  // ---------- start ----------

  function back() {
    const name = S.current && S.current.name;
    if (!name || name === 'home') return;
    if (name.startsWith('report-') && name !== 'report-sent') {
      // Leave the form on the assistant's side too, so a new question is not taken as an answer.
      send(t('report.cancel.send')).catch(() => {});
    }
    const previous = S.stack.pop();
    if (!previous) return goHome();
    show(previous.name, previous.data);
  }

  function wire() {
    document.getElementById('nav-back').addEventListener('click', back);
    document.getElementById('nav-home').addEventListener('click', () => {
      const name = S.current && S.current.name;
      if (name && name.startsWith('report-') && name !== 'report-sent') send(t('report.cancel.send')).catch(() => {});
      goHome();
    });
    document.getElementById('nav-person').addEventListener('click', talkToPerson);
    document.getElementById('nav-read').addEventListener('click', () => speak(screenSpeech()));
    document.getElementById('nav-lang').addEventListener('click', async () => {
      S.lang = S.lang === 'zh' ? 'en' : 'zh';
      await loadWords();
      save();
      applyWords();
      rerender();
    });
    document.getElementById('set-size').addEventListener('click', () => {
      S.size = S.size % 3 + 1;
      save();
      applySettings();
    });
    document.getElementById('set-theme').addEventListener('click', () => {
      S.theme = S.theme === 'contrast' ? 'default' : 'contrast';
      save();
      applySettings();
    });
    document.getElementById('set-autoread').addEventListener('click', () => {
      S.autoRead = !S.autoRead;
      save();
      applySettings();
      if (S.autoRead) speak(screenSpeech());
    });
    document.getElementById('set-slow').addEventListener('click', () => {
      S.slow = !S.slow;
      save();
      applySettings();
    });
    // Any touch stops speech (the read button then starts it again) and keeps the session alive.
    document.addEventListener('pointerdown', (e) => {
      if (!e.target.closest || !e.target.closest('#nav-read')) stopSpeech();
      resetIdle();
    }, true);
    document.addEventListener('keydown', resetIdle, true);
    document.addEventListener('input', resetIdle, true);
    if (window.speechSynthesis) window.speechSynthesis.getVoices();
  }

  async function loadWords() {
    S.words = await getJson('/kiosk/messages?lang=' + S.lang);
  }

  async function start() {
    restore();
    wire();
    try {
      const [config] = await Promise.all([getJson('/kiosk/config'), loadWords()]);
      S.config = Object.assign(S.config, config);
    } catch (e) {
      document.getElementById('screen').textContent = 'Linli: the kiosk cannot reach the server.';
      return;
    }
    applyWords();
    goHome();
    startPolling();
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
