// The dashboard page: plain browser JavaScript, no build step. Every request carries the
// Telegram Mini App init data (Authorization: tma …), which the server verifies. Data strings
// are only ever set as textContent, never parsed as HTML.
'use strict';

(function main() {
  const STATUS = [
    ['hoan_thanh', 'hoàn thành'],
    ['dang_thuc_hien', 'đang thực hiện'],
    ['cham_tien_do', 'chậm tiến độ'],
    ['vuong_mac', 'vướng mắc'],
    ['chua_bat_dau', 'chưa bắt đầu'],
    ['chua_cap_nhat', 'chưa cập nhật'],
  ];
  const LABEL = Object.fromEntries(STATUS);
  const COLOUR = {
    chua_bat_dau: '#9e9e9e', dang_thuc_hien: '#2f80ed', hoan_thanh: '#27ae60', cham_tien_do: '#f2994a', vuong_mac: '#eb5757', chua_cap_nhat: '#d6d6d6',
  };
  const PAGE = 50;

  const hash = new URLSearchParams(location.hash.slice(1));
  const tg = window.Telegram && window.Telegram.WebApp;
  const initData = (tg && tg.initData) || hash.get('tgWebAppData') || '';
  const $ = (id) => document.getElementById(id);
  const state = { me: null, plans: [], tasks: [], shown: PAGE, charts: {} };

  // The Mini App protocol's two calls we need (ready, expand), without loading Telegram's script.
  function postEvent(type) {
    const data = JSON.stringify({ eventType: type, eventData: '' });
    try {
      if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(type, '');
      else if (window.external && 'notify' in window.external) window.external.notify(data);
      else if (window.parent !== window) window.parent.postMessage(data, 'https://web.telegram.org');
    } catch (err) {
      console.warn('Telegram event not sent', err);
    }
  }

  function applyTheme() {
    try {
      const theme = JSON.parse(hash.get('tgWebAppThemeParams') || '{}');
      for (const [k, v] of Object.entries(theme)) {
        if (typeof v === 'string' && /^#[0-9a-f]{3,8}$/i.test(v)) document.documentElement.style.setProperty(`--tg-theme-${k.replace(/_/g, '-')}`, v);
      }
    } catch {
      // No theme: the page keeps its own colours.
    }
  }

  class HttpError extends Error {
    constructor(status) {
      super(`HTTP ${status}`);
      this.status = status;
    }
  }

  async function api(path) {
    const res = await fetch(path, { headers: { Authorization: `tma ${initData}` } });
    if (!res.ok) throw new HttpError(res.status);
    return res.json();
  }

  function showMessage(text) {
    const box = $('message');
    box.textContent = text;
    box.hidden = false;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const statusOf = (t) => (t.status ? t.status.status : 'chua_cap_nhat');
  const isLate = (t) => Boolean(t.deadline && t.deadline.date && t.deadline.date < state.me.today && statusOf(t) !== 'hoan_thanh');
  const vnDate = (ymd) => ymd.split('-').reverse().join('/');
  const planName = (id) => {
    const p = state.plans.find((x) => x.id === id);
    return p ? [p.province, p.year, p.number].filter(Boolean).join(' ') || p.id : id;
  };

  function counts(tasks) {
    const n = { total: tasks.length, qua_han: 0 };
    for (const [code] of STATUS) n[code] = 0;
    for (const t of tasks) {
      n[statusOf(t)] += 1;
      if (isLate(t)) n.qua_han += 1;
    }
    return n;
  }

  function fillSelect(select, options) {
    for (const [value, label] of options) {
      const o = el('option', '', label);
      o.value = value;
      select.append(o);
    }
  }

  function setupFilters() {
    const provinces = [...new Set(state.plans.flatMap((p) => [p.provinceNow, p.province]).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'vi'));
    fillSelect($('f-province'), provinces.map((p) => [p, p]));
    fillSelect($('f-doc'), state.plans.map((p) => [p.id, `${planName(p.id)}: ${(p.title || p.id).slice(0, 60)}`]));
    for (const id of ['f-province', 'f-doc', 'f-status']) $(id).addEventListener('change', refresh);
    let timer;
    $('f-agency').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 350);
    });
    if (state.me.role === 'editor' && state.me.agencies.length === 1) $('f-agency').value = state.me.agencies[0];
  }

  function query() {
    const q = new URLSearchParams();
    const f = { province: $('f-province').value, doc: $('f-doc').value, agency: $('f-agency').value.trim(), status: $('f-status').value };
    for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
    return q.toString();
  }

  function barChart(key, box, labels, series) {
    if (state.charts[key]) state.charts[key].destroy();
    box.style.height = `${Math.max(120, labels.length * 34 + 70)}px`;
    if (!window.Chart) return;
    state.charts[key] = new window.Chart(box.querySelector('canvas'), {
      type: 'bar',
      data: { labels, datasets: STATUS.map(([code, label]) => ({ label, data: series.map((s) => s[code]), backgroundColor: COLOUR[code] })) },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    });
  }

  function groupBy(tasks, keysOf) {
    const groups = new Map();
    for (const t of tasks) {
      for (const k of keysOf(t)) {
        if (!groups.has(k)) groups.set(k, []);
        groups.get(k).push(t);
      }
    }
    return [...groups.entries()].map(([k, list]) => ({ key: k, n: counts(list) })).sort((a, b) => b.n.total - a.n.total);
  }

  function taskItem(t, extra) {
    const li = el('li');
    li.append(el('span', 'code', t.id), document.createTextNode(' '));
    li.append(el('span', `badge s-${statusOf(t) === 'chua_cap_nhat' ? 'none' : statusOf(t)}`, LABEL[statusOf(t)] + (t.status && t.status.percent !== null ? ` ${t.status.percent}%` : '')));
    li.append(document.createTextNode(` ${t.text.length > 160 ? `${t.text.slice(0, 160)}…` : t.text}`));
    li.append(el('span', 'meta', [t.lead.join('; ') || 'chưa rõ cơ quan chủ trì', planName(t.doc), extra].filter(Boolean).join(' · ')));
    li.addEventListener('click', () => openTask(t.id));
    return li;
  }

  function renderList(id, tasks, extra) {
    const ul = $(id);
    ul.replaceChildren(...tasks.map((t) => taskItem(t, extra && extra(t))));
  }

  function render() {
    const tasks = state.tasks;
    const n = counts(tasks);
    $('n-total').textContent = String(n.total);
    for (const [code] of STATUS) $(`n-${code}`).textContent = String(n[code]);
    $('n-qua_han').textContent = String(n.qua_han);

    const plans = groupBy(tasks, (t) => [t.doc]);
    barChart('plan', $('plan-chart-box'), plans.map((g) => planName(g.key)), plans.map((g) => g.n));
    const agencies = groupBy(tasks, (t) => (t.lead.length ? t.lead.map((a) => (t.now && t.now[a]) || a) : ['(chưa rõ)'])).slice(0, 12);
    barChart('agency', $('agency-chart-box'), agencies.map((g) => (g.key.length > 30 ? `${g.key.slice(0, 29)}…` : g.key)), agencies.map((g) => g.n));

    const late = tasks.filter(isLate).sort((a, b) => a.deadline.date.localeCompare(b.deadline.date));
    $('late-count').textContent = `(${late.length})`;
    renderList('late-list', late.slice(0, 20), (t) => `hạn ${vnDate(t.deadline.date)}`);
    const never = tasks.filter((t) => !t.status);
    $('never-count').textContent = `(${never.length})`;
    renderList('never-list', never.slice(0, 10));
    $('all-count').textContent = `(${tasks.length})`;
    renderList('all-list', tasks.slice(0, state.shown));
    $('more').hidden = tasks.length <= state.shown;
    document.body.dataset.ready = '1';
  }

  async function refresh() {
    document.body.dataset.ready = '0';
    state.shown = PAGE;
    try {
      state.tasks = await api(`api/tasks?${query()}`);
      render();
    } catch (err) {
      fail(err);
    }
  }

  async function openTask(id) {
    try {
      const page = await api(`api/task?id=${encodeURIComponent(id)}`);
      const t = page.task;
      $('t-code').textContent = `Nhiệm vụ ${t.id}`;
      $('t-plan').textContent = page.plan ? `${page.plan.title || page.plan.id}${page.plan.number ? ` (số ${page.plan.number})` : ''}` : t.doc;
      $('t-path').textContent = page.clause ? [...page.clause.breadcrumb, `Mục ${page.clause.section}`].join(' › ') : `Mục ${t.section}`;
      $('t-text').textContent = page.clause ? [page.clause.label, page.clause.text].filter(Boolean).join(' ') : t.text;
      $('t-lead').textContent = t.lead.map((a) => (t.now[a] ? `${a} (nay là ${t.now[a]})` : a)).join('; ') || '—';
      $('t-coord').textContent = t.coordinators.join('; ') || '—';
      $('t-deadline').textContent = t.deadline ? `${t.deadline.text}${t.deadline.date ? ` (${vnDate(t.deadline.date)})` : ''}${page.overdue ? ' — quá hạn' : ''}` : 'kế hoạch không ghi';
      $('t-status').textContent = LABEL[statusOf(t)] + (t.status && t.status.percent !== null ? ` ${t.status.percent}%` : '');
      const items = page.history.map((h) => {
        const when = new Date(h.at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
        return el('li', '', [when, LABEL[h.status] + (h.percent !== null ? ` ${h.percent}%` : ''), h.by, h.note].filter(Boolean).join(' · '));
      });
      $('t-history').replaceChildren(...(items.length ? items : [el('li', 'hint', 'Chưa có cập nhật nào.')]));
      $('main').hidden = true;
      $('task-view').hidden = false;
      window.scrollTo(0, 0);
    } catch (err) {
      fail(err);
    }
  }

  function fail(err) {
    $('main').hidden = true;
    $('task-view').hidden = true;
    if (err instanceof HttpError && err.status === 401) showMessage('Không xác thực được phiên làm việc. Hãy mở bảng theo dõi bằng nút trong bot Telegram (lệnh /dashboard).');
    else if (err instanceof HttpError && err.status === 403) showMessage('Bảng theo dõi chỉ dành cho người dùng đã được duyệt. Gửi /dangky <tên cơ quan> trong bot để xin quyền.');
    else showMessage('Không tải được dữ liệu. Vui lòng thử lại sau.');
    $('who').textContent = '';
    document.body.dataset.ready = 'error';
  }

  async function start() {
    applyTheme();
    postEvent('web_app_ready');
    postEvent('web_app_expand');
    $('back').addEventListener('click', () => {
      $('task-view').hidden = true;
      $('main').hidden = false;
    });
    $('more').addEventListener('click', () => {
      state.shown += PAGE;
      render();
    });
    if (!initData) {
      fail(new HttpError(401));
      return;
    }
    try {
      const [me, plans] = await Promise.all([api('api/me'), api('api/plans')]);
      state.me = me;
      state.plans = plans;
      const roles = { admin: 'quản trị viên', editor: 'cán bộ cập nhật', viewer: 'người xem', public: 'khách' };
      $('who').textContent = `${me.name} · ${roles[me.role] || me.role} · ngày ${vnDate(me.today)}`;
      setupFilters();
      $('main').hidden = false;
      await refresh();
    } catch (err) {
      fail(err);
    }
  }

  void start();
})();
