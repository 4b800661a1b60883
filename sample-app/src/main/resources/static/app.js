// The gallery page: uploads through the REST API, shows each photo's thumbnail (made by the
// thumbnailer from the stored file) and, if a filter chain was chosen, the filtered version;
// polls /actuator/witbox for the plugins' pools.
'use strict';

const $ = (id) => document.getElementById(id);

function say(text, error) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

async function problem(response) {
  try {
    const body = await response.json();
    return `${response.status}: ${body.detail || body.title}`;
  } catch (e) {
    return `${response.status} ${response.statusText}`;
  }
}

function figure(image, size, chain) {
  const fig = document.createElement('figure');
  fig.className = 'photo';
  fig.dataset.id = image.id;
  const img = document.createElement('img');
  img.className = 'thumbnail';
  img.alt = image.caption.altText;
  img.src = `/api/images/${image.id}/thumbnail?size=${size}`;
  fig.appendChild(img);
  if (chain) {
    const filtered = document.createElement('img');
    filtered.className = 'filtered';
    filtered.alt = `${image.caption.altText}, filtered: ${chain}`;
    filtered.src = `/api/images/${image.id}/filtered?chain=${encodeURIComponent(chain)}&size=${size}`;
    fig.appendChild(filtered);
  }
  const caption = document.createElement('figcaption');
  caption.innerHTML = '<span class="title"></span><br><code class="slug"></code>';
  caption.querySelector('.title').textContent = image.caption.title;
  caption.querySelector('.slug').textContent = image.caption.slug;
  fig.appendChild(caption);
  return fig;
}

async function upload(event) {
  event.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  const size = $('size').value || 256;
  const chain = $('chain').value;
  const form = new FormData();
  form.append('file', file);
  say(`uploading ${file.name}…`);
  const response = await fetch('/api/images', { method: 'POST', body: form });
  if (!response.ok) {
    say(await problem(response), true);
    return;
  }
  const image = await response.json();
  $('gallery').prepend(figure(image, size, chain));
  say(`${image.caption.title}`);
  refresh();
}

function mb(bytes) {
  return (bytes / 1048576).toFixed(1) + ' MB';
}

async function refreshPlugins() {
  const response = await fetch('/actuator/witbox');
  if (!response.ok) return;
  const body = await response.json();
  const rows = Object.entries(body.plugins).map(([name, p]) => {
    const tr = document.createElement('tr');
    tr.dataset.plugin = name;
    const cells = [name, `${p.pool.idle} / ${p.pool.busy} / ${p.pool.max}`,
      `${mb(p.memory.inUseBytes)} / ${mb(p.memory.budgetBytes)}`, p.calls.calls, p.calls.traps, p.calls.timeouts];
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.appendChild(td);
    }
    return tr;
  });
  $('plugins').querySelector('tbody').replaceChildren(...rows);
}

async function refreshLog() {
  const response = await fetch('/api/plugin-log');
  if (!response.ok) return;
  const lines = await response.json();
  $('plugin-log').replaceChildren(...lines.slice(0, 10).map((l) => {
    const li = document.createElement('li');
    li.textContent = `${l.at.substring(11, 19)} ${l.level} ${l.message}`;
    return li;
  }));
}

function refresh() {
  refreshPlugins();
  refreshLog();
}

async function loadGallery() {
  const response = await fetch('/api/images');
  if (!response.ok) return;
  const images = await response.json();
  $('gallery').replaceChildren(...images.map((image) => figure(image, 256, '')));
}

$('upload-form').addEventListener('submit', upload);
loadGallery().then(refresh);
setInterval(refresh, 2000);
