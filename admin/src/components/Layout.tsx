import { NavLink, Outlet } from 'react-router-dom';
import { useAdminAuth } from '../auth/useAdminAuth';

const LINKS = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/products', label: 'Products' },
  { to: '/categories', label: 'Categories' },
  { to: '/orders', label: 'Orders' },
  { to: '/customers', label: 'Customers' },
  { to: '/notifications', label: 'Notifications' },
];

export function Layout() {
  const { user, signOut } = useAdminAuth();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <p className="sidebar__brand">UltraMarket Admin</p>
        <nav aria-label="Sections">
          <ul>
            {LINKS.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__user">
          <p>{user?.email}</p>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
          <p>
            <a href="/">View storefront</a>
          </p>
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
