/*
 * The webchat: sessions on the left, the conversation on the right. A message goes to
 * POST /v1/responses with stream:true and metadata.session_id; the OpenResponses events are
 * rendered as they arrive (text deltas, function calls and their outputs).
 */
(function () {
  'use strict';

  const { api, ui, markdown } = window.Tau;
  const SESSION_KEY = 'tau.webchat.session';

  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const input = $('input');
  const send = $('send');
  const stop = $('stop');

  let current = '';
  let running = null; // the AbortController of the request being streamed
  let gate = null;
  const aliases = new Map(); // output item id -> call id, for function_call_arguments events
  const TOOL_OUTCOME = { completed: 'done', failed: 'error', incomplete: 'cancelled' };

  function newSessionId() {
    const random = new Uint8Array(4);
    crypto.getRandomValues(random);
    const suffix = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
    return 'web-' + Date.now().toString(36) + '-' + suffix;
  }

  function selectSession(id, title) {
    current = id;
    sessionStorage.setItem(SESSION_KEY, id);
    $('session-title').textContent = title || 'New chat';
    $('session-meta').textContent = id;
    for (const item of document.querySelectorAll('#session-list li')) {
      item.toggleAttribute('aria-current', item.dataset.session === id);
    }
  }

  function clearMessages() {
    messages.replaceChildren($('empty-state') || emptyState());
    $('empty-state').hidden = false;
  }

  function emptyState() {
    const box = ui.el('div', 'empty-state');
    box.id = 'empty-state';
    box.append(ui.el('h2', '', 'Ask Tau anything'));
    box.append(ui.el('p', '', 'Answers stream in as the model writes them; tool calls show up as they run.'));
    return box;
  }

  function nearBottom() {
    return messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
  }

  function scrollDown(force) {
    if (force || nearBottom()) {
      messages.scrollTop = messages.scrollHeight;
    }
  }

  function addUser(text) {
    $('empty-state').hidden = true;
    const row = ui.el('div', 'msg user');
    row.append(ui.el('div', 'bubble', text));
    messages.append(row);
    return row;
  }

  /** An assistant turn: a sequence of text and tool segments, in the order they happened. */
  function addAssistant() {
    $('empty-state').hidden = true;
    const row = ui.el('div', 'msg assistant');
    row.append(ui.el('div', 'avatar', 'τ'));
    const body = ui.el('div', 'body');
    row.append(body);
    messages.append(row);
    let text = null;
    let raw = '';
    let pending = false;
    const tools = new Map();

    function paint() {
      pending = false;
      text.innerHTML = markdown.render(raw);
      scrollDown();
    }

    return {
      row,
      state(value) {
        row.dataset.state = value;
      },
      append(delta) {
        if (!text) {
          text = ui.el('div', 'markdown');
          body.append(text);
          raw = '';
        }
        raw += delta;
        if (!pending) {
          pending = true;
          requestAnimationFrame(paint);
        }
      },
      hasText() {
        return body.querySelector('.markdown') !== null;
      },
      tool(id, name) {
        let card = tools.get(id);
        if (!card) {
          card = toolCard(name);
          tools.set(id, card);
          body.append(card.node);
          text = null; // text after a tool call starts a new segment
          scrollDown();
        }
        return card;
      },
      findTool(id) {
        return tools.get(id);
      },
      note(message) {
        body.append(ui.el('p', 'msg-note', message));
      },
      error(message) {
        body.append(ui.el('p', 'msg-error', message));
        row.dataset.state = 'error';
        scrollDown();
      },
    };
  }

  function toolCard(name) {
    const node = ui.el('details', 'tool');
    node.dataset.status = 'running';
    const summary = ui.el('summary');
    summary.append(ui.el('span', 'tool-icon', '⚙'));
    summary.append(ui.el('code', 'tool-name', name || 'tool'));
    const status = ui.el('span', 'tool-status', 'running…');
    summary.append(status);
    node.append(summary);
    const args = ui.el('pre', 'tool-args');
    node.append(args);
    const output = ui.el('pre', 'tool-output');
    output.hidden = true;
    node.append(output);
    let argText = '';
    return {
      node,
      name(value) {
        if (value) summary.querySelector('.tool-name').textContent = value;
      },
      args(delta, replace) {
        argText = replace ? delta : argText + delta;
        args.textContent = pretty(argText);
      },
      called() {
        if (node.dataset.status === 'running') status.textContent = 'called';
      },
      /** outcome: 'done', 'error' or 'cancelled'. */
      finish(text, outcome) {
        node.dataset.status = outcome;
        status.textContent = { done: 'done', error: 'failed', cancelled: 'cancelled' }[outcome];
        if (text !== undefined && text !== null && text !== '') {
          output.textContent = text;
          output.hidden = false;
        }
      },
    };
  }

  function pretty(json) {
    try {
      return JSON.stringify(JSON.parse(json), null, 2);
    } catch (e) {
      return json;
    }
  }

  /**
   * Applies one OpenResponses stream event to the assistant turn. Gateway tools arrive as
   * `tau:tool_call` items (added while running, done with their output); client functions as
   * `function_call` items. Returns a failure {code, message} or null.
   */
  function apply(turn, type, data) {
    const item = data.item || {};
    switch (type) {
      case 'response.output_text.delta':
        if (data.delta) turn.append(data.delta);
        return null;
      case 'response.output_item.added':
      case 'response.output_item.done':
        if (item.type === 'tau:tool_call' || item.type === 'function_call') {
          const callId = item.call_id || item.id;
          if (item.id) aliases.set(item.id, callId);
          const card = turn.tool(callId, item.name);
          card.name(item.name);
          if (item.arguments) card.args(item.arguments, true);
          if (type === 'response.output_item.done') {
            if (item.type === 'function_call') card.called();
            else card.finish(outputText(item.output), TOOL_OUTCOME[item.status] || 'error');
          }
        } else if (item.type === 'function_call_output') {
          const card = turn.findTool(item.call_id) || turn.tool(item.call_id, item.name);
          card.finish(outputText(item.output), 'done');
        }
        return null;
      case 'response.function_call_arguments.delta': {
        const card = turn.findTool(aliases.get(data.item_id) || data.item_id);
        if (card && data.delta) card.args(data.delta, false);
        return null;
      }
      case 'response.function_call_arguments.done': {
        const card = turn.findTool(aliases.get(data.item_id) || data.item_id);
        if (card && typeof data.arguments === 'string') card.args(data.arguments, true);
        return null;
      }
      case 'response.completed': {
        const response = data.response || {};
        if (!turn.hasText() && response.output_text) turn.append(response.output_text);
        return null;
      }
      case 'response.incomplete': {
        const details = (data.response && data.response.incomplete_details) || {};
        turn.note('The answer stopped early (' + (details.reason || 'incomplete') + ').');
        return null;
      }
      case 'response.failed': {
        const error = data.error || (data.response && data.response.error) || {};
        return { code: error.code || '', message: error.message || 'the response failed' };
      }
      case 'error': {
        const error = data.error || data;
        return { code: error.code || '', message: error.message || 'stream error' };
      }
      default:
        return null;
    }
  }

  function outputText(output) {
    if (typeof output === 'string') return output;
    if (Array.isArray(output)) {
      return output.map((part) => (part && part.text) || '').join('');
    }
    return output == null ? '' : JSON.stringify(output);
  }

  function setRunning(controller) {
    running = controller;
    send.disabled = controller !== null;
    stop.hidden = controller === null;
  }

  async function submit(text) {
    ui.showAlert('');
    if (!messages.querySelector('.msg')) {
      $('session-title').textContent = text.length > 80 ? text.slice(0, 79) + '…' : text;
    }
    addUser(text);
    scrollDown(true);
    const turn = addAssistant();
    turn.state('streaming');
    const controller = new AbortController();
    setRunning(controller);
    let failure = null;
    try {
      const response = await api.call(
        'POST',
        '/v1/responses',
        { input: text, stream: true, metadata: { session_id: current } },
        { accept: 'text/event-stream', signal: controller.signal },
      );
      await api.readSse(response, (frame) => {
        if (frame.data === '[DONE]') return;
        let data;
        try {
          data = JSON.parse(frame.data);
        } catch (e) {
          return;
        }
        failure = apply(turn, data.type || frame.event, data) || failure;
      });
      if (failure) {
        const message = describeStreamFailure(failure);
        turn.error(message);
        ui.showAlert(message);
      } else {
        turn.state('done');
      }
    } catch (err) {
      if (err && err.name === 'AbortError') {
        turn.error('Stopped.');
      } else {
        const message = api.describe(err);
        turn.error(message);
        ui.showAlert(message);
        if (err.status === 401) gate.rejected(err);
      }
    } finally {
      setRunning(null);
      loadSessions();
    }
  }

  function describeStreamFailure(error) {
    const code = error.code ? ' [' + error.code + ']' : '';
    if (error.code === 'guardrail_blocked_output') {
      // Nothing of the answer was sent: say so rather than show a half reply.
      return 'Answer withheld by the output guardrail' + code + ': ' + error.message;
    }
    if (/provider|runtime|upstream/i.test(error.code || '')) {
      return 'The model provider failed' + code + ': ' + error.message;
    }
    return 'The response failed' + code + ': ' + error.message;
  }

  async function loadSessions() {
    let listing;
    try {
      listing = await api.getJson('/gateway/sessions?limit=50');
    } catch (err) {
      if (err.status === 401) gate.rejected(err);
      else ui.showAlert(api.describe(err));
      return;
    }
    const list = $('session-list');
    list.replaceChildren();
    for (const s of listing.sessions) {
      const item = ui.el('li');
      item.dataset.session = s.session_key;
      const button = ui.el('button', 'session-item');
      button.type = 'button';
      button.title = s.session_key;
      button.append(ui.el('span', 'session-name', s.preview || s.session_key));
      button.append(
        ui.el('span', 'session-sub', ui.ago(s.updated_unix_ms) + ' · ' + s.event_count + ' events'),
      );
      button.addEventListener('click', () => openSession(s.session_key));
      item.append(button);
      item.toggleAttribute('aria-current', s.session_key === current);
      list.append(item);
    }
    $('session-empty').hidden = listing.sessions.length > 0;
  }

  /** Shows a stored session's history and makes it the one new messages go to. */
  async function openSession(id) {
    if (running) return;
    let detail;
    try {
      detail = await api.getJson('/gateway/sessions/' + encodeURIComponent(id));
    } catch (err) {
      if (err.status === 404) {
        selectSession(id, 'New chat');
        clearMessages();
        return;
      }
      if (err.status === 401) gate.rejected(err);
      ui.showAlert(api.describe(err));
      return;
    }
    selectSession(id, detail.title || id);
    renderHistory(detail.messages);
    input.focus();
  }

  function renderHistory(list) {
    clearMessages();
    aliases.clear();
    let turn = null;
    for (const m of list) {
      if (m.role === 'user') {
        addUser(m.text);
        turn = null;
      } else if (m.role === 'assistant') {
        turn = turn || addAssistant();
        if (m.text) turn.append(m.text);
        for (const call of m.tool_calls || []) {
          const card = turn.tool(call.id, call.name);
          card.args(call.arguments || '', true);
          card.called();
        }
        turn.state('done');
      } else if (m.role === 'tool') {
        turn = turn || addAssistant();
        const card = turn.findTool(m.tool_call_id) || turn.tool(m.tool_call_id, m.tool_name);
        card.finish(m.text, m.is_error ? 'error' : 'done');
      }
    }
    scrollDown(true);
  }

  function startNew() {
    if (running) return;
    selectSession(newSessionId(), 'New chat');
    clearMessages();
    input.focus();
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || running) return;
    input.value = '';
    submit(text);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  stop.addEventListener('click', () => running && running.abort());
  $('new-session').addEventListener('click', startNew);

  gate = ui.setupAuth({
    verify: '/gateway/sessions?limit=1',
    onLocked() {
      $('chat').hidden = true;
    },
    onReady() {
      $('chat').hidden = false;
      const wanted = new URLSearchParams(location.search).get('session');
      const id = wanted || sessionStorage.getItem(SESSION_KEY);
      if (id) openSession(id);
      else startNew();
      loadSessions();
    },
  });
})();
