import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { navFor } from './navigation';

/** The signed-in frame: navigation for the person's role, who they are, sign out. */
export function Layout() {
  const { session, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  if (!session) return null;
  const sections = navFor(session.role);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Wingxtra</span>
        <button type="button" className="menu-toggle secondary" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen((o) => !o)}>
          Menu
        </button>
        <nav id="main-nav" className={open ? 'open' : ''} aria-label="Main">
          {sections.map((s) => (
            <div key={s.label} className="nav-section">
              <span className="nav-label">{s.label}</span>
              {s.items.map((i) => (
                <NavLink key={i.to} to={i.to} end onClick={() => setOpen(false)}>
                  {i.label}
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
        <span className="who">
          {session.sub} · {session.role}
          {session.merchantId ? ` · ${session.merchantId}` : ''}
        </span>
        <button type="button" className="secondary" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
