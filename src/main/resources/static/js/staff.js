// Staff console behaviour, loaded as a file so a strict CSP (no inline script) holds.
document.addEventListener('DOMContentLoaded', () => {
  const body = document.body;
  // Work order changes: tell htmx (hx-trigger="ticket from:body") to refresh the queue.
  if (body.dataset.queueEvents) {
    const queue = new EventSource(body.dataset.queueEvents);
    queue.addEventListener('ticket', () => body.dispatchEvent(new Event('ticket')));
  }
  // The resident's conversation, live. textContent keeps residents' text inert.
  const chat = document.getElementById('chat');
  if (chat && chat.dataset.events) {
    const stream = new EventSource(chat.dataset.events);
    stream.addEventListener('message', (e) => {
      const m = JSON.parse(e.data);
      const li = document.createElement('li');
      li.className = m.direction;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = m.author + ' · ' + new Date(m.at).toLocaleTimeString();
      const text = document.createElement('span');
      text.textContent = m.text;
      li.append(who, document.createElement('br'), text);
      chat.append(li);
      chat.scrollTop = chat.scrollHeight;
    });
    chat.scrollTop = chat.scrollHeight;
  }
  // One click inserts a knowledge-base passage into the reply.
  document.querySelectorAll('[data-insert]').forEach((button) => {
    button.addEventListener('click', () => {
      const reply = document.getElementById('reply-text');
      if (!reply) return;
      reply.value = (reply.value ? reply.value + '\n' : '') + button.dataset.insert;
      reply.focus();
    });
  });
});
