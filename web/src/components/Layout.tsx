import { Outlet, useLocation } from 'react-router-dom';
import { useEffect } from 'react';
import { Header } from './Header';
import { track } from '../api/analytics';

export function Layout() {
  const location = useLocation();
  useEffect(() => {
    track('page_view', { properties: { path: location.pathname + location.search } });
    window.scrollTo?.(0, 0);
  }, [location.pathname, location.search]);

  return (
    <>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>© UltraMarket</p>
      </footer>
    </>
  );
}
